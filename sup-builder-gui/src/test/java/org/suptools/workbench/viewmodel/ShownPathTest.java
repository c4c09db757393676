package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShownPathTest {

    private String previousHome;

    @BeforeEach
    void homeIsHomeAlice() {
        previousHome = System.setProperty("user.home", "/home/alice");
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", previousHome);
    }

    @Test
    void of_showsAPathUnderTheHomeWithATilde() {
        assertThat(ShownPath.of(Path.of("/home/alice/projects/acme/sup.yaml"))).isEqualTo("~/projects/acme/sup.yaml");
        assertThat(ShownPath.of(Path.of("/home/alice"))).isEqualTo("~");
    }

    @Test
    void of_showsOtherPathsWhole_andNothingForNoPath() {
        assertThat(ShownPath.of(Path.of("/home/alicebob/sup.yaml"))).isEqualTo("/home/alicebob/sup.yaml");
        assertThat(ShownPath.of(Path.of("/opt/dw/dwcore/../dwcore/gateway.yaml"))).isEqualTo("/opt/dw/dwcore/gateway.yaml");
        assertThat(ShownPath.of(null)).isEmpty();
    }

    @Test
    void of_neverAbbreviatesWhenTheHomeIsTheRoot() {
        System.setProperty("user.home", "/");

        assertThat(ShownPath.of(Path.of("/etc/gateway.yaml"))).isEqualTo("/etc/gateway.yaml");
    }

    @Test
    void inText_abbreviatesEveryPathUnderTheHomeInAMessage() {
        assertThat(ShownPath.inText("copied app.conf to /home/alice/gw/conf/app.conf (was /home/alicebob/x)"))
                .isEqualTo("copied app.conf to ~/gw/conf/app.conf (was /home/alicebob/x)");
    }
}

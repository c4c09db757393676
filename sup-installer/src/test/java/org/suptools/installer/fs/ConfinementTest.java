package org.suptools.installer.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a gateway path really is, resolved on the real file system one component at a time:
 * links inside the root are followed, a {@code ..} after a link applies to where the link leads,
 * and anything that leads out of the root, loops, or names the installer's own files is refused.
 */
class ConfinementTest {

    @TempDir
    Path dir;

    Path home;
    Path state;
    Confinement confinement;

    @BeforeEach
    void gateway() throws Exception {
        dir = dir.toRealPath();
        home = Files.createDirectories(dir.resolve("gw/home"));
        state = Files.createDirectories(dir.resolve("gw/state"));
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(dir.resolve("outside"));
        confinement = confinement(home);
    }

    Confinement confinement(Path root) {
        return new Confinement(List.of(root), root, state, root.resolve("logs"),
                List.of(root.resolve("logs/confirmation.json"), root.resolve("logs/audit.log")));
    }

    Path link(String at, String target) throws Exception {
        Path link = home.resolve(at);
        Files.createDirectories(link.getParent());
        return Files.createSymbolicLink(link, Path.of(target));
    }

    @Test
    void entry_withoutLinks_isThePathItself() throws Exception {
        Files.createDirectories(home.resolve("conf"));

        assertThat(confinement.entry(home.resolve("conf/app.conf"))).isEqualTo(home.resolve("conf/app.conf"));
        assertThat(confinement.entry(home.resolve("new/dir/file"))).as("missing parts are only text")
                .isEqualTo(home.resolve("new/dir/file"));
        assertThat(confinement.entry(home)).isEqualTo(home);
    }

    @Test
    void entry_followsLinksThatStayInsideTheRoot() throws Exception {
        Files.createDirectories(home.resolve("releases/1.2/lib"));
        link("current", "releases/1.2");
        link("apps/lib", "../current/lib");

        assertThat(confinement.entry(home.resolve("current/lib/a.jar"))).isEqualTo(home.resolve("releases/1.2/lib/a.jar"));
        assertThat(confinement.entry(home.resolve("apps/lib/a.jar"))).as("a chain of two links")
                .isEqualTo(home.resolve("releases/1.2/lib/a.jar"));
    }

    @Test
    void entry_appliesDotDotAfterALinkToWhereTheLinkLeads() throws Exception {
        Files.createDirectories(home.resolve("x"));
        Files.createDirectories(home.resolve("y/z"));
        link("x/l", "../y/z");
        link("m", "x/l/..");

        // Text would make x/l/.. into x; the file system makes it y, the parent of where l leads.
        assertThat(confinement.entry(home.resolve("m/f"))).isEqualTo(home.resolve("y/f"));
    }

    @Test
    void entry_throughTheIssuesChainOfLinks_isRefusedNamingThePathAndTheLink() throws Exception {
        Files.createDirectories(home.resolve("apps/d1/d2/d3/d4"));
        link("apps/d1/d2/d3/d4/b", "../../../..");
        link("apps/d1/d2/d3/d4/c", "b/../../../../..");

        assertThat(confinement.entry(home.resolve("apps/d1/d2/d3/d4/b/f"))).as("b itself leads to apps")
                .isEqualTo(home.resolve("apps/f"));
        assertThatThrownBy(() -> confinement.entry(home.resolve("apps/d1/d2/d3/d4/c/outside/x")))
                .isInstanceOf(OutsideRootsException.class)
                .hasMessage("apps/d1/d2/d3/d4/c/outside/x leads outside the allowed roots through the link "
                        + "apps/d1/d2/d3/d4/c -> b/../../../../..");
    }

    @Test
    void entry_leavesALastLinkAloneButTargetFollowsIt() throws Exception {
        link("out", dir.resolve("outside").toString());
        link("ok", "logs");

        assertThat(confinement.entry(home.resolve("out"))).as("deleting or replacing the link itself")
                .isEqualTo(home.resolve("out"));
        assertThatThrownBy(() -> confinement.target(home.resolve("out")))
                .hasMessage("out leads outside the allowed roots through the link out -> " + dir.resolve("outside"));
        assertThatThrownBy(() -> confinement.entry(home.resolve("out/x"))).hasMessageContaining("through the link out");
        assertThat(confinement.target(home.resolve("ok"))).isEqualTo(home.resolve("logs"));
    }

    @Test
    void absoluteTargets_countOnlyWhenTheyNameAPlaceInsideTheRoot() throws Exception {
        Files.createDirectories(home.resolve("data"));
        link("abs-in", home.resolve("data").toString());
        link("abs-out", "/etc");
        link("abs-up", home.resolve("data") + "/../..");

        assertThat(confinement.target(home.resolve("abs-in/f"))).isEqualTo(home.resolve("data/f"));
        assertThatThrownBy(() -> confinement.target(home.resolve("abs-out/passwd")))
                .hasMessageContaining("through the link abs-out -> /etc");
        assertThatThrownBy(() -> confinement.target(home.resolve("abs-up/f"))).hasMessageContaining("abs-up");
    }

    @Test
    void loops_areRefused() throws Exception {
        link("a", "b");
        link("b", "a");
        link("self", "self/x");

        assertThat(confinement.entry(home.resolve("a"))).as("the loop is not followed at the end")
                .isEqualTo(home.resolve("a"));
        assertThatThrownBy(() -> confinement.target(home.resolve("a"))).hasMessageContaining("a loop");
        assertThatThrownBy(() -> confinement.entry(home.resolve("self/f"))).hasMessageContaining("a loop");
    }

    @Test
    void danglingLinks_resolveToWhereTheyWouldLead() throws Exception {
        link("later", "not/yet/there");
        link("gone", "missing/../../..");

        assertThat(confinement.target(home.resolve("later"))).isEqualTo(home.resolve("not/yet/there"));
        assertThat(confinement.entry(home.resolve("later/f"))).isEqualTo(home.resolve("not/yet/there/f"));
        assertThatThrownBy(() -> confinement.target(home.resolve("gone")))
                .hasMessageContaining("'..' after something that does not exist");
    }

    @Test
    void aRootReachedThroughALink_isWalkedWhereItReallyIs() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real/home"));
        Files.createDirectories(real.resolve("logs"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("real"));
        Confinement throughLink = confinement(alias.resolve("home"));
        Files.createDirectories(real.resolve("data"));
        Files.createSymbolicLink(real.resolve("by-alias"), alias.resolve("home/data"));
        Files.createSymbolicLink(real.resolve("up"), Path.of(".."));

        assertThat(throughLink.entry(alias.resolve("home/data/f"))).isEqualTo(real.resolve("data/f"));
        assertThat(throughLink.entry(real.resolve("data/f"))).as("the real spelling is inside too")
                .isEqualTo(real.resolve("data/f"));
        assertThat(throughLink.target(alias.resolve("home/by-alias"))).as("an absolute target spelled through the alias")
                .isEqualTo(real.resolve("data"));
        assertThatThrownBy(() -> throughLink.entry(alias.resolve("home/up/x")))
                .hasMessage("up/x leads outside the allowed roots through the link up -> ..");
    }

    @Test
    void reportFiles_areOffLimitsEvenWhenTheLogsDirectoryIsMadeLater_throughALinkedRoot() throws Exception {
        Files.createDirectories(dir.resolve("real/home"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("real"));
        Confinement throughLink = confinement(alias.resolve("home"));
        Files.createDirectories(dir.resolve("real/home/logs"));

        assertThatThrownBy(() -> throughLink.entry(alias.resolve("home/logs/confirmation.json")))
                .hasMessage("logs/confirmation.json is one of the installer's own report files");
    }

    @Test
    void theInstallersOwnFiles_areOffLimitsWhateverTheWay() throws Exception {
        link("reports", "logs");
        Confinement stateInside = new Confinement(List.of(dir.resolve("gw")), home, state, home.resolve("logs"),
                List.of(home.resolve("logs/confirmation.json")));

        assertThatThrownBy(() -> confinement.entry(home.resolve("reports/confirmation.json")))
                .hasMessage("reports/confirmation.json is one of the installer's own report files");
        assertThat(confinement.entry(home.resolve("reports/app.log"))).isEqualTo(home.resolve("logs/app.log"));
        assertThatThrownBy(() -> stateInside.entry(state.resolve("journal/current.jsonl")))
                .hasMessageContaining("inside the installer's state directory");
        assertThatThrownBy(() -> confinement.entry(dir.resolve("elsewhere/x")))
                .hasMessageContaining("is outside the allowed roots");
    }

    @Test
    void removable_refusesARootAndTreesHoldingTheLogs() throws Exception {
        link("here", ".");

        assertThatThrownBy(() -> confinement.removable(home)).hasMessageContaining("is an allowed root itself");
        assertThatThrownBy(() -> confinement.removable(home.resolve("here/logs")))
                .hasMessage("here/logs holds the installer's logs or state; it cannot be deleted or replaced");
        assertThat(confinement.removable(home.resolve("here"))).as("the link itself may go")
                .isEqualTo(home.resolve("here"));
    }

    @Test
    void checkNewLink_acceptsOnlyLinksThatStayInsideTheTreeTheyAreMadeIn() throws Exception {
        Path apps = Files.createDirectories(home.resolve("apps/d1/d2/d3/d4")).getParent().getParent().getParent()
                .getParent();
        link("apps/out", "../..");

        confinement.checkNewLink(apps.resolve("d1/d2/d3/d4/b"), "../../../..", apps);
        confinement.checkNewLink(apps.resolve("d1/lib"), "d2/later/lib.so", apps);
        assertThatThrownBy(() -> confinement.checkNewLink(apps.resolve("d1/d2/d3/d4/up"), "../../../../..", apps))
                .hasMessage("apps/d1/d2/d3/d4/up is a link to '../../../../..' that leads outside apps");
        assertThatThrownBy(() -> confinement.checkNewLink(apps.resolve("d1/d2/d3/d4/c"), "b/../../../../..", apps))
                .hasMessageContaining("climbs back with '..' after a name");
        assertThatThrownBy(() -> confinement.checkNewLink(apps.resolve("via"), "out/x", apps))
                .hasMessage("apps/via is a link to 'out/x' that leads outside apps through the link out -> ../..");
        assertThatThrownBy(() -> confinement.checkNewLink(apps.resolve("abs"), home.toString(), apps))
                .hasMessageContaining("is absolute");
    }
}

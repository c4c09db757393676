package org.suptools.portal.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private static final DeviceDescription GATEWAY = DeviceDescription.of(Map.of("thingKey", "gw-1",
            "product", "dw-gateway", "model", "DW-100", "os", "linux", "architecture", "x86_64",
            "runtimeVersion", "1.10.0"), Map.of("acme-config", "1.4.0"));

    private static boolean matches(String policy) {
        return Policy.parse(policy).matches(GATEWAY);
    }

    @Test
    void matches_theIssuesExample() {
        assertThat(matches("product == \"dw-gateway\" && runtimeVersion >= \"1.2.0\"")).isTrue();
        assertThat(matches("product == \"dw-gateway\" && runtimeVersion >= \"1.11.0\"")).isFalse();
    }

    @Test
    void versions_compareBySemVerPrecedenceNotAsText() {
        // As text "1.10.0" < "1.9.0"; as versions it is the newer.
        assertThat(matches("runtimeVersion > \"1.9.0\"")).isTrue();
        assertThat(matches("runtimeVersion > \"1.10.0-rc.1\"")).isTrue();
        assertThat(matches("runtimeVersion == \"1.10.0+build.7\"")).isTrue();
        assertThat(matches("packages.acme-config < \"1.5.0\"")).isTrue();
        assertThat(matches("packages.acme-config.version == \"1.4.0\"")).isTrue();
    }

    @Test
    void operators_andOrNotParenthesesAndIn() {
        assertThat(matches("!(os == \"windows\") && (product == \"x\" || model in [\"DW-100\", \"DW-200\"])")).isTrue();
        assertThat(matches("architecture in [\"arm64\"]")).isFalse();
        assertThat(matches("os != \"linux\" || !(model <= \"DW-100\")")).isFalse();
        assertThat(matches("2 > 1.5 && true && !false")).isTrue();
    }

    @Test
    void missingName_comparesFalseExceptNotEqual() {
        assertThat(matches("region == \"eu\"")).isFalse();
        assertThat(matches("region < \"eu\"")).isFalse();
        assertThat(matches("region != \"eu\"")).isTrue();
        assertThat(matches("packages.other >= \"0.0.0\"")).isFalse();
        assertThat(matches("product.deeper.still.more.levels == \"x\"")).isFalse();
    }

    @Test
    void badPolicy_isRefusedWithTheColumn() {
        assertThatThrownBy(() -> Policy.parse("product = \"dw\"")).isInstanceOf(PolicyException.class)
                .hasMessage("policy: column 9: unexpected character '=' (compare with '==')");
        assertThatThrownBy(() -> Policy.parse("(product == \"dw\"")).hasMessage(
                "policy: column 17: expected ')' to close the '(' at column 1, found the end of the policy");
        assertThatThrownBy(() -> Policy.parse("runtimeVersion >= 1.2.0")).hasMessageStartingWith(
                "policy: column 19: '1.2.0' is not a number");
        assertThatThrownBy(() -> Policy.parse("product == \"dw")).hasMessage(
                "policy: column 12: the string is not closed with '\"'");
        assertThatThrownBy(() -> Policy.parse("\"dw\" && os == \"linux\"")).hasMessageStartingWith(
                "policy: column 1: the string \"dw\" is not a condition");
        assertThatThrownBy(() -> Policy.parse("os == \"a\" os")).hasMessage(
                "policy: column 11: expected '&&', '||' or the end, found 'os'");
        assertThatThrownBy(() -> Policy.parse("")).hasMessageStartingWith("policy: column 1: expected a name");
        assertThatThrownBy(() -> Policy.parse("os in [\"a\" \"b\"]")).hasMessageStartingWith("policy: column 12:");
        assertThatThrownBy(() -> Policy.parse("(os == \"a\") == true")).hasMessageStartingWith("policy: column 13:");
    }

    @Test
    void hostilePolicy_deepOrHugeOrControlCharacters_isRefusedNotACrash() {
        String deep = "(".repeat(10_000) + "true" + ")".repeat(10_000);
        assertThatThrownBy(() -> Policy.parse(deep)).isInstanceOf(PolicyException.class);
        String nested = "(".repeat(40) + "true" + ")".repeat(40);
        assertThatThrownBy(() -> Policy.parse(nested)).hasMessageContaining("nested more than 32 levels deep");
        assertThatThrownBy(() -> Policy.parse("!".repeat(1000) + "true")).isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> Policy.parse("os == \"a\u0000\"")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Policy.parse("os == \"x\" && \u202eos")).isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> Policy.parse("x == " + "9".repeat(31))).isInstanceOf(PolicyException.class);
        // A long flat chain is read by loops, not recursion: at the length limit it parses.
        String chain = "true" + " && true".repeat((Policy.MAX_LENGTH - 4) / 8);
        assertThat(Policy.parse(chain).matches(GATEWAY)).isTrue();
    }

    @Test
    void hostileDescription_neverThrows() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        DeviceDescription odd = DeviceDescription.of(json.createObjectNode()
                .put("runtimeVersion", 1e308).put("product", 99999999999999999L)
                .set("packages", json.createArrayNode().add("x")));
        Policy policy = Policy.parse("runtimeVersion >= \"1.0.0\" || product == \"dw\" || packages.x == \"1.0.0\""
                + " || runtimeVersion > 1 || !(product < 5)");
        assertThat(policy.matches(odd)).isTrue();
        assertThatThrownBy(() -> DeviceDescription.of(json.createArrayNode()))
                .hasMessageStartingWith("device: must be a JSON object");
    }
}

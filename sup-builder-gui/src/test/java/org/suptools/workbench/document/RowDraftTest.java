package org.suptools.workbench.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RowDraftTest {

    @Test
    void cells_areTheRecordsComponents_readAndReplacedByTheirSpecName() {
        TargetDraft target = new TargetDraft("dw-gateway", "linux", "x86_64", ">=5.0.0");

        assertThat(target.fields()).containsExactly("product", "os", "architecture", "runtimeVersion");
        assertThat(target.get("architecture")).isEqualTo("x86_64");
        assertThat(target.with("os", "windows"))
                .isEqualTo(new TargetDraft("dw-gateway", "windows", "x86_64", ">=5.0.0"));
        assertThat(RequirementDraft.blank().with("version", "^1.2.0")).isEqualTo(new RequirementDraft("", "^1.2.0"));
        assertThat(RequirementDraft.blank().with("name", null).name()).isEmpty();
    }

    @Test
    void aFieldTheRowDoesNotHave_isRefusedByName() {
        assertThatThrownBy(() -> RequirementDraft.blank().with("range", "1.x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no field range in a RequirementDraft");
        assertThatThrownBy(() -> TargetDraft.any().get("name")).isInstanceOf(IllegalArgumentException.class);
    }
}

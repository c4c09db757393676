package org.suptools.workbench.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.suptools.model.action.ActionType;

class ActionFieldsTest {

    @Test
    void everyActionType_hasAnEditorFieldForEachOfItsParameters() {
        for (ActionType type : ActionType.values()) {
            var parameters = Arrays.stream(type.recordClass().getRecordComponents())
                    .map(RecordComponent::getName)
                    .filter(name -> !name.equals("header"))
                    .toList();
            var fields = ActionFields.of(type).stream().map(FieldSpec::name).toList();
            assertThat(fields).as(type.typeName()).containsExactlyInAnyOrderElementsOf(parameters);
        }
    }

    @Test
    void everyActionType_hasItsOwnOneLineDescriptionForThePalette() {
        var descriptions = java.util.Arrays.stream(org.suptools.model.action.ActionType.values())
                .map(ActionFields::describe).toList();

        assertThat(descriptions).allSatisfy(d -> assertThat(d).isNotBlank().doesNotContain("\n")).doesNotHaveDuplicates();
    }

    @Test
    void choices_areTheModelsOwnNames() {
        assertThat(ActionFields.of(ActionType.PACKAGE_INSTALL).get(1).choices()).containsExactly("dpkg", "rpm", "opkg");
        assertThat(ActionFields.of(ActionType.VERIFY).get(0).choices()).containsExactly("file-exists", "file-hash", "command");
    }
}

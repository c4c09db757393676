package org.suptools.workbench.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.action.CommandRun;
import org.suptools.model.action.ActionType;
import org.suptools.model.action.FileCopy;
import org.suptools.workbench.TestPackages;
import org.suptools.workbench.document.KeyValue;

class ActionEditorViewModelTest {

    private final MainViewModel main = new MainViewModel(TestPackages.services());
    private final ActionEditorViewModel vm = main.editor();

    @Test
    void fields_followTheSelectedActionsType() {
        main.actions().add(ActionType.FILE_COPY);
        assertThat(vm.fields()).extracting(f -> f.name()).containsExactly("source", "destination", "mode");
        main.actions().add(ActionType.RUNTIME_STOP);
        assertThat(vm.fields()).isEmpty();
        assertThat(vm.headingProperty().get()).isEqualTo("#2  runtime.stop");
    }

    @Test
    void aNewKeyValueRow_startsEmpty_andJoinsThePackageOnlyOnceItHasAKey() {
        main.actions().add(ActionType.COMMAND_RUN);
        var before = main.model().document();

        vm.addKeyValue("environment");

        assertThat(vm.keyValues("environment")).containsExactly(new KeyValue("", ""));
        assertThat(main.model().document()).isEqualTo(before);
        assertThat(main.model().document().actions().get(0).toString()).doesNotContain("\"key\"", "\"value\"");
        vm.setKeyValue("environment", 0, new KeyValue("", "C"));
        assertThat(vm.keyValues("environment")).containsExactly(new KeyValue("", "C"));
        vm.setKeyValue("environment", 0, new KeyValue("LANG", "C"));
        assertThat(main.model().document().actions().get(0).keyValues("environment"))
                .containsExactly(new KeyValue("LANG", "C"));
        assertThat(vm.keyValues("environment")).containsExactly(new KeyValue("LANG", "C"));
    }

    @Test
    void aVerifyShowsOnlyTheFieldsOfItsCheck_andChangingTheCheckDropsTheOthersValues() {
        main.actions().add(ActionType.VERIFY);
        assertThat(vm.fields()).extracting(f -> f.name()).containsExactly("check", "path");
        int formBefore = vm.formRevisionProperty().get();

        vm.text("check").set("file-hash");
        assertThat(vm.fields()).extracting(f -> f.name()).containsExactly("check", "path", "sha256");
        assertThat(vm.formRevisionProperty().get()).isGreaterThan(formBefore);
        vm.text("path").set("bin/tool");

        vm.text("check").set("command");
        assertThat(vm.fields()).extracting(f -> f.name()).containsExactly("check", "command");
        assertThat(main.model().document().actions().get(0).text("path")).isEmpty();
    }

    @Test
    void aCommand_isComposedFromArgumentsEnvironmentExitCodesTimeoutConditionAndErrorPolicy() {
        main.actions().add(ActionType.COMMAND_RUN);
        vm.text("command").set("/usr/bin/env\n--debug\n");
        vm.addKeyValue("environment");
        vm.setKeyValue("environment", 0, new KeyValue("LANG", "C"));
        vm.text("successExitCodes").set("0, 3");
        vm.timeoutAmountProperty().set("90");
        vm.timeoutUnitProperty().set("m");
        vm.text("when.architecture").set("x86_64, aarch64");
        vm.text("onError").set("continue");

        CommandRun command = (CommandRun) main.model().assembly().spec().orElseThrow().actions().get(0);
        assertThat(command.command()).containsExactly("/usr/bin/env", "--debug");
        assertThat(command.environment()).containsEntry("LANG", "C");
        assertThat(command.successExitCodes()).containsExactly(0, 3);
        assertThat(command.header().timeout().orElseThrow()).hasToString("90m");
        assertThat(command.header().when().orElseThrow().architecture()).containsExactly("x86_64", "aarch64");
        assertThat(command.header().onError().text()).isEqualTo("continue");
    }

    @Test
    void fieldMessages_showTheValidatorsWordsForTheSelectedAction() {
        main.actions().add(ActionType.COMMAND_RUN);
        assertThat(vm.message("command").get()).isEqualTo("must list at least one entry");
        vm.text("command").set("true");
        vm.text("successExitCodes").set("0, x");
        assertThat(vm.message("successExitCodes").get()).contains("whole number");
        vm.text("successExitCodes").set("0");
        assertThat(vm.message("successExitCodes").get()).isEmpty();
        vm.text("id").set("bad id!");
        assertThat(vm.message("id").get()).contains("letters, digits");
    }

    @Test
    void undo_putsTheFieldBack_andTheEditorShowsIt() {
        main.actions().add(ActionType.DIR_CREATE);
        vm.text("path").set("d");
        vm.text("path").set("data");
        vm.text("mode").set("0755");

        main.undo();
        assertThat(vm.text("mode").get()).isEmpty();
        assertThat(vm.text("path").get()).isEqualTo("data");
        main.undo();
        assertThat(vm.text("path").get()).isEmpty();
    }

    @Test
    void addPayloadFile_copiesIntoThePayloadDirectory_andPicksIt(@TempDir Path dir) throws Exception {
        Path outside = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("app.conf"), "port=1\n");
        main.actions().add(ActionType.FILE_COPY);
        assertThat(vm.addPayloadFile("source", outside)).isFalse();
        assertThat(vm.lastError()).contains("Save the package first");

        main.newPackageIn(dir.resolve("pkg"));
        main.actions().add(ActionType.FILE_COPY);
        assertThat(vm.addPayloadFile("source", outside)).isTrue();
        vm.text("destination").set("conf/app.conf");

        assertThat(dir.resolve("pkg/payload/app.conf")).hasContent("port=1");
        assertThat(vm.payloadChoices()).containsExactly("app.conf");
        assertThat(((FileCopy) main.model().assembly().spec().orElseThrow().actions().get(0)).source()).isEqualTo("app.conf");
    }
}

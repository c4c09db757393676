package org.suptools.workbench.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.model.action.ActionType;
import org.suptools.model.problem.Problem;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.SpecFiles;
import org.suptools.workbench.TestPackages;

class SpecAssemblerTest {

    private final SpecAssembler assembler = new SpecAssembler(TestPackages.CLOCK.instant());

    @Test
    void exampleWithEveryActionType_assemblesToTheSpecTheModelReads() throws Exception {
        Path spec = TestPackages.allActionsExample().resolve("sup.yaml");
        LoadedSpec loaded = SpecFiles.load(spec);

        Assembly assembly = assembler.assemble(DocumentCodec.read(spec), loaded.payloadNames());

        assertThat(assembly.problems()).isEmpty();
        assertThat(assembly.spec()).contains(loaded.spec());
    }

    @Test
    void savedDocument_isReadBackByTheModelUnchanged(@TempDir Path dir) throws Exception {
        Path spec = TestPackages.copyAllActions(dir);
        PackageDocument document = DocumentCodec.read(spec);
        Assembly assembly = assembler.assemble(document, SpecFiles.load(spec).payloadNames());
        Path saved = dir.resolve("saved.yaml");

        DocumentCodec.write(document, assembly, saved);

        assertThat(SpecFiles.parse(saved)).isEqualTo(assembly.spec().orElseThrow());
        assertThat(DocumentCodec.read(saved).actions()).hasSize(16);
    }

    @Test
    void aNewFileCopy_listsEveryMissingField_atOnce() {
        PackageDocument document = PackageDocument.empty().withActions(List.of(
                ActionDraft.newAction(ActionType.FILE_COPY, "copy")));

        Assembly assembly = assembler.assemble(document, Set.of());

        assertThat(assembly.problems()).extracting(Problem::toString)
                .containsExactly("actions[0].source: is required", "actions[0].destination: is required");
    }

    @Test
    void aMissingFieldBesideAWrongOne_bothAreReported_butNeverAProblemOfTheStandInValues() {
        PackageDocument document = PackageDocument.empty().withActions(List.of(
                ActionDraft.newAction(ActionType.FILE_COPY, "copy").withText("mode", "999"),
                ActionDraft.newAction(ActionType.VERIFY, "check").withText("check", "file-hash")));

        Assembly assembly = assembler.assemble(document, Set.of());

        assertThat(assembly.problems()).extracting(Problem::location)
                .contains("actions[0].source", "actions[0].destination")
                .allMatch(location -> location.startsWith("actions[0]") || location.startsWith("actions[1]"));
        assertThat(assembly.problems()).extracting(Problem::message).noneMatch(m -> m.contains("'x'"));
    }

    @Test
    void brokenAction_isReportedAtItsField_andTheWholePackageChecksStillRunOverTheRest() {
        PackageDocument document = PackageDocument.empty().withActions(List.of(
                ActionDraft.newAction(ActionType.FILE_COPY, "copy").withText("source", "app.conf"),
                ActionDraft.newAction(ActionType.FILE_COPY, "copy2").withText("source", "missing.bin")
                        .withText("destination", "conf/x"),
                ActionDraft.newAction(ActionType.RUNTIME_STOP, "copy2")));

        Assembly assembly = assembler.assemble(document, Set.of("app.conf"));

        assertThat(assembly.spec()).isEmpty();
        assertThat(assembly.problems()).extracting(Problem::location)
                .containsExactly("actions[0].destination", "actions[1].source", "actions[2].id");
        assertThat(assembly.at("actions[2]").get(0).message()).contains("already used by actions[1]");
        assertThat(assembly.problems()).noneMatch(p -> p.message().contains("'app.conf' is not used"));
    }

    @Test
    void metadata_isCheckedFieldByField() {
        PackageDocument document = PackageDocument.empty()
                .withMetadata(Metadata.newPackage().withText("name", "Bad Name").withText("version", "1.0")
                        .withText("expires", "tomorrow"))
                .withActions(List.of(ActionDraft.newAction(ActionType.RUNTIME_RESTART, "restart")));

        Assembly assembly = assembler.assemble(document, Set.of());

        assertThat(assembly.problems()).extracting(Problem::location).containsExactly("name", "version", "expires");
        assertThat(assembly.at("version").get(0).message()).contains("MAJOR.MINOR.PATCH");
    }

    @Test
    void targets_areCheckedByTheModel() {
        PackageDocument document = PackageDocument.empty()
                .withTargets(List.of(new TargetDraft("gw", "linux", "", ">=1.02")))
                .withActions(List.of(ActionDraft.newAction(ActionType.RUNTIME_RESTART, "restart")));

        Assembly assembly = assembler.assemble(document, Set.of());

        assertThat(assembly.problems()).extracting(Problem::location).first().asString().startsWith("targets[0]");
    }
}

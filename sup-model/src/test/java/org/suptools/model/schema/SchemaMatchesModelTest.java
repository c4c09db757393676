package org.suptools.model.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.suptools.model.schema.SupFile.MANIFEST;
import static org.suptools.model.schema.SupFile.SPEC;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.suptools.model.action.ActionHeader;
import org.suptools.model.action.ActionType;
import org.suptools.model.action.Condition;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.manifest.Target;
import org.suptools.model.spec.PackageSpec;

/**
 * Schema drift fails the build: for every record the model reads (each action type, the spec, the
 * manifest and their parts), the schema declares exactly the fields the record has, and requires
 * exactly those whose absence the model refuses. What the model refuses is found by removing each
 * field in turn from complete sample documents and parsing what is left.
 */
class SchemaMatchesModelTest {

    /**
     * One record as it appears in documents: the JSON fields the model reads for it, its schema
     * definition, and sample documents of {@code file} that hold a complete instance at {@code at}.
     */
    record Subject(String name, Set<String> modelFields, JsonNode schemaDef, SupFile file, List<JsonNode> samples,
            JsonPointer at) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A sample with one field removed, and what the model and the schema say about it. */
    record Removal(String field, Optional<String> modelProblem, List<String> schemaErrors) {
        boolean modelRefuses() {
            return modelProblem.isPresent();
        }

        boolean schemaRefuses() {
            return !schemaErrors.isEmpty();
        }
    }

    static Stream<Subject> subjects() {
        JsonPointer root = JsonPointer.empty();
        List<JsonNode> spec = List.of(Samples.fullSpec());
        List<JsonNode> manifest = List.of(Samples.fullManifest());
        List<JsonNode> conditions = Samples.conditions().stream().map(SchemaMatchesModelTest::stopWhen).toList();
        Stream<Subject> records = Stream.of(
                new Subject("PackageSpec", fields(PackageSpec.class), SPEC.schemaJson(), SPEC, spec, root),
                new Subject("Target", fields(Target.class), SPEC.def("target"), SPEC, spec, at("/targets/0")),
                new Subject("Requirement", fields(Requirement.class), SPEC.def("requirement"), SPEC, spec,
                        at("/requires/0")),
                new Subject("Condition", fields(Condition.class), SPEC.def("condition"), SPEC, conditions,
                        at("/actions/0/when")),
                new Subject("Manifest", fields(Manifest.class), MANIFEST.schemaJson(), MANIFEST, manifest, root),
                new Subject("PayloadFile", fields(PayloadFile.class), MANIFEST.def("payloadFile"), MANIFEST, manifest,
                        at("/payloads/0")));
        Stream<Subject> actions = Arrays.stream(ActionType.values()).map(type -> new Subject(type.typeName(),
                actionFields(type), SPEC.def(type.typeName()), SPEC,
                Samples.actions(type).stream().map(Samples::specWith).toList(), at("/actions/0")));
        return Stream.concat(records, actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void schemaDeclaresExactlyTheFieldsOfTheRecord(Subject subject) {
        assertThat(names(subject.schemaDef().path("properties").fieldNames()))
                .as("properties of the %s schema", subject)
                .isEqualTo(subject.modelFields());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void samplesUseEveryFieldAndAreValid(Subject subject) {
        Set<String> used = new TreeSet<>();
        for (JsonNode sample : subject.samples()) {
            used.addAll(names(sample.at(subject.at()).fieldNames()));
            assertThat(subject.file().modelProblem(sample)).as("model on %s", sample).isEmpty();
            assertThat(subject.file().schemaErrors(sample)).as("schema on %s", sample).isEmpty();
        }
        assertThat(used).as("fields the samples of %s use", subject).isEqualTo(subject.modelFields());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void schemaRequiresWhatTheModelRequires(Subject subject) {
        Set<String> requiredByModel = new TreeSet<>(subject.modelFields());
        for (JsonNode sample : subject.samples()) {
            Set<String> refused = removals(subject, sample).stream()
                    .filter(Removal::modelRefuses)
                    .map(Removal::field)
                    .collect(Collectors.toSet());
            requiredByModel.retainAll(refused);
        }
        assertThat(texts(subject.schemaDef().path("required")))
                .as("required of the %s schema", subject)
                .isEqualTo(requiredByModel);
    }

    /**
     * Also covers what {@code required} cannot say: fields needed only in some combinations, such
     * as {@code verify}'s fields per check, or {@code properties.set}'s set-or-remove.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("subjects")
    void removingAFieldIsRefusedByBothOrByNeither(Subject subject) {
        List<String> disagreements = new ArrayList<>();
        for (JsonNode sample : subject.samples()) {
            for (Removal removal : removals(subject, sample)) {
                if (removal.modelRefuses() != removal.schemaRefuses()) {
                    disagreements.add("without " + removal.field() + " in " + sample.at(subject.at())
                            + ": model " + removal.modelProblem().orElse("accepts")
                            + ", schema " + (removal.schemaRefuses() ? removal.schemaErrors() : "accepts"));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static List<Removal> removals(Subject subject, JsonNode sample) {
        List<Removal> removals = new ArrayList<>();
        for (String field : names(sample.at(subject.at()).fieldNames())) {
            JsonNode document = sample.deepCopy();
            ((ObjectNode) document.at(subject.at())).remove(field);
            removals.add(new Removal(field, subject.file().modelProblem(document),
                    subject.file().schemaErrors(document)));
        }
        return removals;
    }

    /**
     * The JSON fields of a record: its components. Were one renamed with {@code @JsonProperty},
     * the samples, written with component names, would no longer parse.
     */
    static Set<String> fields(Class<? extends Record> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Actions are written flat: the header's fields and {@code type} beside the parameters. */
    static Set<String> actionFields(ActionType type) {
        Set<String> fields = fields(type.recordClass().asSubclass(Record.class));
        fields.remove("header");
        fields.addAll(fields(ActionHeader.class));
        fields.add("type");
        return fields;
    }

    private static JsonNode stopWhen(JsonNode condition) {
        ObjectNode stop = (ObjectNode) Samples.yaml("{id: stop, type: runtime.stop}");
        return Samples.specWith(stop.set("when", condition));
    }

    private static JsonPointer at(String pointer) {
        return JsonPointer.compile(pointer);
    }

    private static Set<String> names(Iterator<String> names) {
        Set<String> set = new TreeSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> set = new TreeSet<>();
        array.forEach(value -> set.add(value.asText()));
        return set;
    }
}

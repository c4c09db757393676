package org.suptools.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema files themselves: valid 2020-12 schemas that editors can use as they are. */
class SchemaFilesTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    @ParameterizedTest
    @EnumSource(SupFile.class)
    void isAValidDraft202012SchemaWithItsId(SupFile file) {
        JsonNode schema = file.schemaJson();
        List<Error> errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(DRAFT_2020_12))
                .validate(schema);

        assertThat(errors).isEmpty();
        assertThat(schema.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).isEqualTo(file.id());
    }

    /**
     * Editors show a property's title and description in completion. A property that is only a
     * {@code $ref} shows its target's; any other must carry both itself.
     */
    @ParameterizedTest
    @EnumSource(SupFile.class)
    void everyPropertyHasATitleAndADescription(SupFile file) {
        JsonNode schema = file.schemaJson();
        List<String> undocumented = new ArrayList<>();
        collectUndocumented(schema, schema, "#", undocumented);
        schema.path("$defs").fields().forEachRemaining(
                def -> collectUndocumented(schema, def.getValue(), "#/$defs/" + def.getKey(), undocumented));

        assertThat(undocumented).isEmpty();
    }

    /** Each file is complete on its own, except the manifest's references into the spec schema. */
    @ParameterizedTest
    @EnumSource(SupFile.class)
    void everyReferenceResolves(SupFile file) {
        List<String> unresolved = new ArrayList<>();
        file.schemaJson().findValues("$ref").forEach(ref -> {
            String[] parts = ref.asText().split("#", 2);
            JsonNode target = parts[0].isEmpty()
                    ? file.schemaJson()
                    : SupFile.readTree(SupFile.SCHEMA_DIR.resolve(parts[0]));
            if (target.at(parts[1]).isMissingNode()) {
                unresolved.add(ref.asText());
            }
        });

        assertThat(unresolved).isEmpty();
    }

    private static void collectUndocumented(JsonNode schema, JsonNode object, String at, List<String> undocumented) {
        object.path("properties").fields().forEachRemaining(property -> {
            JsonNode value = property.getValue();
            JsonNode documented = value.size() == 1 && value.has("$ref") ? resolveLocal(schema, value) : value;
            if (!documented.hasNonNull("title") || !documented.hasNonNull("description")) {
                undocumented.add(at + "/properties/" + property.getKey());
            }
            collectUndocumented(schema, value, at + "/properties/" + property.getKey(), undocumented);
            collectUndocumented(schema, value.path("items"), at + "/properties/" + property.getKey() + "/items",
                    undocumented);
        });
    }

    private static JsonNode resolveLocal(JsonNode schema, JsonNode ref) {
        String target = ref.path("$ref").asText();
        return target.startsWith("#") ? schema.at(target.substring(1)) : ref;
    }
}

package org.suptools.model.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.json.SupJson;
import org.suptools.model.manifest.ManifestCodec;
import org.suptools.model.spec.PackageSpec;

/**
 * The SUP documents inside a package or beside it that have a schema: how the model reads each, and what its schema in
 * {@code docs/schema} says about a document. The schemas are loaded from the working tree (surefire
 * runs in the module directory), with their {@code $id}s mapped to the files so nothing is fetched.
 */
enum SupFile {
    SPEC("sup-spec.schema.json") {
        @Override
        Optional<String> modelProblem(JsonNode document) {
            try {
                SupJson.json().treeToValue(document, PackageSpec.class);
                return Optional.empty();
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
    },
    MANIFEST("sup-manifest.schema.json") {
        @Override
        Optional<String> modelProblem(JsonNode document) {
            try {
                ManifestCodec.parse(SupJson.json().writeValueAsBytes(document), "test");
                return Optional.empty();
            } catch (InvalidPackageException e) {
                return Optional.of(e.getMessage());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    CHUNK_INDEX("sup-chunk-index.schema.json") {
        @Override
        Optional<String> modelProblem(JsonNode document) {
            try {
                ChunkIndex.parse(SupJson.json().writeValueAsBytes(document));
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of(e.getMessage());
            }
        }
    };

    static final Path SCHEMA_DIR = Path.of("../docs/schema");
    static final String ID_PREFIX = "https://suptools.org/schemas/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemas(SupFile::schemaText)
                    // format is only an annotation in 2020-12; editors check date-time, so do we.
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final String fileName;

    SupFile(String fileName) {
        this.fileName = fileName;
    }

    /** Why the model refuses the document, or empty when it reads it. */
    abstract Optional<String> modelProblem(JsonNode document);

    /** What the schema finds wrong with the document; empty when it is valid. */
    List<String> schemaErrors(JsonNode document) {
        return schema().validate(document).stream().map(Error::toString).toList();
    }

    String id() {
        return ID_PREFIX + fileName;
    }

    Path file() {
        return SCHEMA_DIR.resolve(fileName);
    }

    /** The schema file as plain JSON, for looking at its definitions. */
    JsonNode schemaJson() {
        return readTree(file());
    }

    /** A definition under {@code $defs}, or a missing node. */
    JsonNode def(String name) {
        return schemaJson().path("$defs").path(name);
    }

    private Schema schema() {
        return REGISTRY.getSchema(SchemaLocation.of(id()));
    }

    private static String schemaText(String iri) {
        if (!iri.startsWith(ID_PREFIX)) {
            return null;
        }
        try {
            return Files.readString(SCHEMA_DIR.resolve(iri.substring(ID_PREFIX.length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return SupJson.yaml().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readTree(Path file) {
        try {
            return SupJson.json().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

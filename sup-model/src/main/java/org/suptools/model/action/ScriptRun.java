package org.suptools.model.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a payload script with an interpreter ({@code /bin/sh} when absent), with arguments, working
 * directory, environment and accepted exit codes like {@link CommandRun}. Undo: the declared
 * {@code undoSource} payload script, run the same way, if any.
 */
public record ScriptRun(
        ActionHeader header,
        String source,
        Optional<String> interpreter,
        List<String> arguments,
        Optional<String> workingDir,
        Map<String, String> environment,
        List<Integer> successExitCodes,
        Optional<String> undoSource) implements Action {

    public static final String DEFAULT_INTERPRETER = "/bin/sh";

    public ScriptRun {
        java.util.Objects.requireNonNull(header, "header");
        Fields.text(source, "source");
        interpreter = Fields.optionalText(interpreter, "interpreter");
        arguments = Fields.list(arguments, "arguments");
        workingDir = Fields.optionalText(workingDir, "workingDir");
        environment = Fields.orderedMap(environment, "environment");
        successExitCodes = Fields.list(successExitCodes, "successExitCodes");
        if (successExitCodes.isEmpty()) {
            successExitCodes = List.of(0);
        }
        undoSource = Fields.optionalText(undoSource, "undoSource");
    }

    public String effectiveInterpreter() {
        return interpreter.orElse(DEFAULT_INTERPRETER);
    }

    @Override
    public ScriptRun withHeader(ActionHeader newHeader) {
        return new ScriptRun(newHeader, source, interpreter, arguments, workingDir, environment, successExitCodes,
                undoSource);
    }

    @Override
    public List<FieldValue> payloadReferences() {
        List<FieldValue> refs = new ArrayList<>();
        refs.add(new FieldValue("source", source));
        undoSource.ifPresent(undo -> refs.add(new FieldValue("undoSource", undo)));
        return List.copyOf(refs);
    }

    @Override
    public List<FieldValue> gatewayPaths() {
        return workingDir.map(dir -> List.of(new FieldValue("workingDir", dir))).orElse(List.of());
    }

    @Override
    public String summary() {
        return effectiveInterpreter() + " " + source + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments))
                + undoSource.map(u -> " (undo " + u + ")").orElse("");
    }
}

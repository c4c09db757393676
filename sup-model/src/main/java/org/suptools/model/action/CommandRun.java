package org.suptools.model.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a command on the gateway: an argument list (no shell), an optional working directory and
 * environment, the exit codes that count as success ({@code [0]} when absent). Output is captured.
 * Undo: its declared {@code undo} command, if any.
 */
public record CommandRun(
        ActionHeader header,
        List<String> command,
        Optional<String> workingDir,
        Map<String, String> environment,
        List<Integer> successExitCodes,
        List<String> undo) implements Action {

    public CommandRun {
        java.util.Objects.requireNonNull(header, "header");
        command = Fields.nonEmptyList(command, "command");
        workingDir = Fields.optionalText(workingDir, "workingDir");
        environment = Fields.orderedMap(environment, "environment");
        successExitCodes = Fields.list(successExitCodes, "successExitCodes");
        if (successExitCodes.isEmpty()) {
            successExitCodes = List.of(0);
        }
        undo = Fields.list(undo, "undo");
    }

    @Override
    public CommandRun withHeader(ActionHeader newHeader) {
        return new CommandRun(newHeader, command, workingDir, environment, successExitCodes, undo);
    }

    @Override
    public List<FieldValue> gatewayPaths() {
        return workingDir.map(dir -> List.of(new FieldValue("workingDir", dir))).orElse(List.of());
    }

    @Override
    public String summary() {
        return "run " + String.join(" ", command);
    }
}

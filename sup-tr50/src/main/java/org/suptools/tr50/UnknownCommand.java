package org.suptools.tr50;

/**
 * A command this module has no record for (such as {@code diag.ping} or {@code thing.find}), kept
 * with its params as they came, so that a server can answer it (an error, or its own handling)
 * instead of refusing the whole request.
 *
 * @param commandName the name as sent; never one of the typed commands' names
 * @param params its params, as sent
 */
public record UnknownCommand(String commandName, Params params) implements Tr50Command {

    public UnknownCommand {
        Checks.singleLine("command", commandName);
        if (Commands.known().contains(commandName)) {
            throw new InvalidFieldException("command", commandName + " is a typed command; use its record");
        }
        Checks.present("params", params);
    }

    @Override
    public Params toParams() {
        return params;
    }
}

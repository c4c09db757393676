package org.suptools.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * A picocli command line as a GitHub Markdown reference: a table of contents, then for the root
 * and every visible subcommand, depth first, what its {@code --help} shows (header, synopsis,
 * description, parameters, options, exit codes, footer) as paragraphs, code blocks and tables.
 * The text depends only on the command definitions: no colours, no terminal width.
 */
final class CommandReference {

    /** The width picocli wraps the synopsis at, whatever terminal the build runs in. */
    static final int SYNOPSIS_WIDTH = 80;

    private CommandReference() {
    }

    /**
     * The whole page, below a title and {@code intro}, a line of Markdown. Fixes the command line's
     * usage width, so that no terminal changes the synopsis.
     */
    static String render(CommandLine commandLine, String intro) {
        commandLine.setUsageHelpAutoWidth(false).setUsageHelpWidth(SYNOPSIS_WIDTH);
        List<Listed> commands = new ArrayList<>();
        collect(commandLine, 0, commands);

        StringBuilder out = new StringBuilder();
        out.append("# ").append(Markdown.text(commandLine.getCommandName())).append(" command reference\n\n");
        out.append(intro).append("\n\n");
        out.append("## Commands\n\n");
        for (Listed listed : commands) {
            String name = listed.spec().qualifiedName();
            out.append("  ".repeat(listed.depth())).append("- [").append(Markdown.text(name)).append("](#")
                    .append(Markdown.anchor(name)).append(")");
            String summary = summary(listed.spec());
            if (!summary.isEmpty()) {
                out.append(": ").append(Markdown.text(summary));
            }
            out.append('\n');
        }
        out.append('\n');
        for (Listed listed : commands) {
            section(listed.spec(), out);
        }
        return out.toString().stripTrailing() + "\n";
    }

    private record Listed(CommandSpec spec, int depth) {
    }

    /** The command and its visible subcommands, depth first, in the order picocli lists them; aliases once. */
    private static void collect(CommandLine commandLine, int depth, List<Listed> commands) {
        commands.add(new Listed(commandLine.getCommandSpec(), depth));
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (seen.add(sub) && !sub.getCommandSpec().usageMessage().hidden()) {
                collect(sub, depth + 1, commands);
            }
        }
    }

    private static void section(CommandSpec spec, StringBuilder out) {
        UsageMessageSpec usage = spec.usageMessage();
        Help help = new Help(spec, Help.defaultColorScheme(Ansi.OFF));
        out.append("## ").append(Markdown.text(spec.qualifiedName())).append("\n\n");
        paragraphs(formatted(usage.header()), out);
        out.append(Markdown.codeBlock(help.synopsis(0).lines().map(String::stripTrailing)
                .collect(Collectors.joining("\n"))));
        out.append('\n');
        if (spec.aliases().length > 0) {
            out.append("Aliases: ").append(Arrays.stream(spec.aliases()).map(Markdown::code)
                    .collect(Collectors.joining(", "))).append("\n\n");
        }
        paragraphs(formatted(usage.description()), out);
        parameters(spec, help, out);
        options(spec, help, out);
        exitCodes(usage, out);
        paragraphs(formatted(usage.footer()), out);
    }

    private static void parameters(CommandSpec spec, Help help, StringBuilder out) {
        List<PositionalParamSpec> parameters = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        table("Parameters", List.of("Parameter", "Description"), parameters,
                parameter -> List.of(Markdown.code(label(help, parameter)), description(parameter, "")), out);
    }

    private static void options(CommandSpec spec, Help help, StringBuilder out) {
        List<OptionSpec> options = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
        Comparator<OptionSpec> order = help.createDefaultOptionSort();
        if (order != null) {
            options.sort(order);
        }
        table("Options", List.of("Option", "Description"), options,
                option -> List.of(names(help, option), description(option, requirement(option))), out);
    }

    private static void exitCodes(UsageMessageSpec usage, StringBuilder out) {
        table("Exit codes", List.of("Code", "Meaning"), List.copyOf(usage.exitCodeList().entrySet()),
                code -> List.of(Markdown.code(plain(code.getKey()).strip()),
                        Markdown.text(plain(code.getValue()).strip())), out);
    }

    private static <T> void table(String title, List<String> headings, List<T> rows, Function<T, List<String>> cells,
            StringBuilder out) {
        if (rows.isEmpty()) {
            return;
        }
        out.append("**").append(title).append("**\n\n");
        out.append(Markdown.row(headings.toArray(String[]::new)));
        out.append(Markdown.row(headings.stream().map(heading -> "---").toArray(String[]::new)));
        for (T row : rows) {
            out.append(Markdown.row(cells.apply(row).stream().map(Markdown::cell).toArray(String[]::new)));
        }
        out.append('\n');
    }

    /** Every name, shortest first, as picocli's help lists them; the parameter label goes with the last. */
    private static String names(Help help, OptionSpec option) {
        String[] names = option.names().clone();
        Arrays.sort(names, Help.shortestFirst());
        names[names.length - 1] += label(help, option);
        return Arrays.stream(names).map(Markdown::code).collect(Collectors.joining(", "));
    }

    private static String label(Help help, ArgSpec arg) {
        return help.parameterLabelRenderer().renderParameterLabel(arg, Ansi.OFF, List.of()).toString();
    }

    /** The description lines (picocli has already filled in its variables), then the default when help shows it. */
    private static String description(ArgSpec arg, String requirement) {
        String text = Arrays.stream(arg.description()).map(CommandReference::plain).map(Markdown::text)
                .collect(Collectors.joining("\n"));
        if (defaultShown(arg)) {
            text += (text.isEmpty() ? "" : "\n") + "Default: " + Markdown.code(arg.defaultValueString(true));
        }
        return requirement + text;
    }

    /** picocli's own rule for appending "Default:" to a description in the help. */
    private static boolean defaultShown(ArgSpec arg) {
        return switch (arg.showDefaultValue()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ON_DEMAND -> arg.command().usageMessage().showDefaultValues() && arg.defaultValueString(true) != null
                    && arg.type() != boolean.class && arg.type() != Boolean.class;
        };
    }

    /** Required on its own, or as the one option of a required exclusive group that the others could stand for. */
    private static String requirement(OptionSpec option) {
        ArgGroupSpec group = option.group();
        if (group == null) {
            return option.required() ? "**Required.** " : "";
        }
        for (ArgGroupSpec enclosing = group; enclosing != null; enclosing = enclosing.parentGroup()) {
            if (enclosing.multiplicity().min() == 0) {
                return "";
            }
        }
        if (group.exclusive()) {
            List<String> others = group.options().stream().filter(other -> other != option && !other.hidden())
                    .map(other -> Markdown.code(other.longestName())).toList();
            return others.isEmpty() ? "**Required.** "
                    : "**Required** unless " + String.join(" or ", others) + " is given. ";
        }
        return option.required() ? "**Required.** " : "";
    }

    /** The header line, else the first description line: what picocli shows in a command list. */
    private static String summary(CommandSpec spec) {
        List<String> header = formatted(spec.usageMessage().header());
        List<String> lines = header.isEmpty() ? formatted(spec.usageMessage().description()) : header;
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
    }

    /** Lines of text; a run of lines indented by two spaces or more is a code block, as in the help. */
    private static void paragraphs(List<String> lines, StringBuilder out) {
        List<String> code = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("  ") && !line.isBlank()) {
                code.add(line);
                continue;
            }
            flushCode(code, out);
            if (!line.isBlank()) {
                out.append(Markdown.text(line.strip())).append("\n\n");
            }
        }
        flushCode(code, out);
    }

    private static void flushCode(List<String> code, StringBuilder out) {
        if (!code.isEmpty()) {
            out.append(Markdown.codeBlock(String.join("\n", code).stripIndent())).append('\n');
            code.clear();
        }
    }

    /** Command texts (header, description, footer) are format strings in picocli: %n is a line break. */
    private static List<String> formatted(String[] texts) {
        return Arrays.stream(texts).map(text -> plain(String.format(Locale.ROOT, text)))
                .flatMap(String::lines).toList();
    }

    /** Without picocli's @|style ...|@ markup and with \n line breaks on every platform. */
    private static String plain(String text) {
        return Ansi.OFF.string(text).replace("\r\n", "\n");
    }
}

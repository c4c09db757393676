package org.suptools.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.suptools.model.action.Action;
import org.suptools.model.action.Condition;
import org.suptools.model.action.RuntimeEffect;
import org.suptools.model.action.Timeout;
import org.suptools.model.gateway.Applicability;
import org.suptools.model.gateway.GatewayPlan;
import org.suptools.model.gateway.GatewayProfile;
import org.suptools.model.gateway.PlanStep;
import org.suptools.model.gateway.RequirementCheck;
import org.suptools.model.gateway.TargetCheck;
import org.suptools.model.manifest.Target;
import org.suptools.model.version.SemVer;

/**
 * What {@code sup plan} prints: a {@link GatewayPlan} as text, or as the JSON object documented in
 * docs/reference/json-output.md.
 *
 * @param file           the package or spec as the user named it
 * @param isPackage      a .sup (verified) rather than a spec
 * @param trustedSigners the key ids of the trusted signers when signatures were checked (--trust)
 * @param installed      the packages the gateway was said to have (--installed), by name
 */
public record PlanView(Path file, boolean isPackage, Optional<List<String>> trustedSigners,
        Map<String, SemVer> installed, GatewayPlan plan) {

    private static final String INDENT = "  ";

    public void printText(PrintWriter out) {
        Applicability applicability = plan.applicability();
        out.println(plan.packageName() + " " + plan.version() + " on " + plan.gateway());
        out.println();
        Table facts = new Table("", "");
        facts.row("from", file + " (" + checked() + ")");
        facts.row("applies", plan.applies() ? "yes" : "no");
        targetRows(applicability, facts);
        if (applicability.requirements().isEmpty()) {
            facts.row("requires", "nothing");
        }
        for (RequirementCheck requirement : applicability.requirements()) {
            facts.row(requirement.index() == 0 ? "requires" : "", requirement.message());
        }
        facts.row("on failure", plan.failurePolicy().text());
        facts.printWithoutHeader(out, INDENT);

        out.println();
        long run = plan.runCount();
        int total = plan.steps().size();
        out.println(plan.applies() ? "Actions (" + run + " of " + total + " run)"
                : "Actions (were it to apply, " + run + " of " + total + " would run)");
        Table actions = new Table("#", "DO", "ID", "TYPE", "WHEN", "RUNTIME", "TIMEOUT", "ON ERROR", "WHAT");
        for (PlanStep step : plan.steps()) {
            Action action = step.action();
            RuntimeEffect effect = action.type().runtimeEffect();
            actions.row(String.valueOf(step.index()), step.runs() ? "run" : "skip", action.id(),
                    action.type().typeName(), action.header().when().map(Condition::summary).orElse("always"),
                    effect == RuntimeEffect.NONE ? "-" : effect.text(),
                    action.header().timeout().map(Timeout::toString).orElse("default"),
                    action.header().onError().text(), what(step));
        }
        actions.print(out, INDENT);

        out.println();
        if (plan.applies()) {
            out.println(run + " of " + total + " actions run, " + (total - run) + " skipped; " + plan.payloadBytes()
                    + " payload bytes to write");
        } else {
            out.println("The package does not apply to this gateway: the installer would refuse it and run no action.");
        }
        out.flush();
    }

    private String checked() {
        if (!isPackage) {
            return "spec; payload sizes as on disk";
        }
        return trustedSigners.map(signers -> "package, intact, signed by trusted key" + (signers.size() == 1 ? " " : "s ")
                + String.join(", ", signers))
                .orElse("package, intact; signatures not checked without --trust");
    }

    private static void targetRows(Applicability applicability, Table facts) {
        if (applicability.targets().isEmpty()) {
            facts.row("target", "none listed: any gateway");
            return;
        }
        Optional<Target> matched = applicability.matchedTarget();
        if (matched.isPresent()) {
            facts.row("target", matched.get() + " matches");
            return;
        }
        String label = applicability.targets().size() == 1 ? "target" : "targets";
        for (TargetCheck check : applicability.targets()) {
            facts.row(label, check.target() + ": " + String.join("; ", check.mismatches()));
            label = "";
        }
    }

    private static String what(PlanStep step) {
        if (step.payloads().isEmpty()) {
            return step.action().summary();
        }
        return step.action().summary() + "; payload " + step.payloads().stream()
                .map(payload -> payload.name() + " (" + payload.size() + " bytes)")
                .collect(Collectors.joining(", "));
    }

    public void printJson(PrintWriter out) {
        Applicability applicability = plan.applicability();
        ObjectNode root = JsonOutput.object();
        root.put("file", file.toString());
        root.put("kind", isPackage ? "package" : "spec");
        root.put("name", plan.packageName());
        root.put("version", plan.version().toString());
        root.put("trustChecked", trustedSigners.isPresent());
        root.set("trustedSigners", texts(trustedSigners.orElse(List.of())));
        root.set("gateway", gateway());
        root.put("applies", plan.applies());
        int matched = applicability.targets().stream().map(TargetCheck::matches).toList().indexOf(true);
        if (matched < 0) {
            root.putNull("matchedTarget");
        } else {
            root.put("matchedTarget", matched);
        }
        ArrayNode targets = root.putArray("targets");
        for (TargetCheck check : applicability.targets()) {
            Target target = check.target();
            ObjectNode node = targets.addObject()
                    .put("product", target.product())
                    .put("os", target.os())
                    .put("architecture", target.architecture());
            putOptional(node, "runtimeVersion", target.runtimeVersion().map(Object::toString));
            node.put("matches", check.matches());
            node.set("mismatches", texts(check.mismatches()));
        }
        ArrayNode requirements = root.putArray("requirements");
        for (RequirementCheck check : applicability.requirements()) {
            ObjectNode node = requirements.addObject()
                    .put("name", check.requirement().name())
                    .put("version", check.requirement().version().toString());
            putOptional(node, "installed", check.installed().map(Object::toString));
            node.put("met", check.met()).put("message", check.message());
        }
        root.put("failurePolicy", plan.failurePolicy().text());
        ArrayNode actions = root.putArray("actions");
        for (PlanStep step : plan.steps()) {
            actions.add(action(step));
        }
        long run = plan.runCount();
        root.putObject("totals")
                .put("actions", plan.steps().size())
                .put("run", run)
                .put("skipped", plan.steps().size() - run)
                .put("payloadBytes", plan.payloadBytes());
        JsonOutput.print(out, root);
    }

    private ObjectNode gateway() {
        GatewayProfile gateway = plan.gateway();
        ObjectNode node = JsonOutput.object()
                .put("product", gateway.product())
                .put("os", gateway.os())
                .put("architecture", gateway.architecture())
                .put("runtimeVersion", gateway.runtimeVersion().toString());
        ObjectNode packages = node.putObject("installed");
        new TreeMap<>(installed).forEach((name, version) -> packages.put(name, version.toString()));
        return node;
    }

    private static ObjectNode action(PlanStep step) {
        Action action = step.action();
        ObjectNode node = JsonOutput.object()
                .put("index", step.index())
                .put("id", action.id())
                .put("type", action.type().typeName())
                .put("run", step.runs());
        Optional<Condition> when = action.header().when();
        if (when.isPresent()) {
            ObjectNode condition = node.putObject("when");
            condition.set("os", texts(when.get().os()));
            condition.set("product", texts(when.get().product()));
            condition.set("architecture", texts(when.get().architecture()));
        } else {
            node.putNull("when");
        }
        putOptional(node, "skipReason", step.skipReason());
        node.put("summary", action.summary());
        ArrayNode payloads = node.putArray("payloads");
        step.payloads().forEach(payload -> payloads.addObject()
                .put("field", payload.field())
                .put("name", payload.name())
                .put("size", payload.size()));
        RuntimeEffect effect = action.type().runtimeEffect();
        putOptional(node, "runtime", Optional.of(effect).filter(e -> e != RuntimeEffect.NONE).map(RuntimeEffect::text));
        putOptional(node, "timeout", action.header().timeout().map(Timeout::toString));
        node.put("onError", action.header().onError().text());
        return node;
    }

    private static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }

    private static JsonNode texts(List<String> values) {
        return JsonOutput.array().addAll(values.stream().map(JsonOutput::text).toList());
    }
}

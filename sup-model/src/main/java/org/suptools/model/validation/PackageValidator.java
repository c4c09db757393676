package org.suptools.model.validation;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.suptools.model.action.Action;
import org.suptools.model.action.ArchiveExtract;
import org.suptools.model.action.Condition;
import org.suptools.model.action.FieldValue;
import org.suptools.model.action.FirmwareUpdate;
import org.suptools.model.action.SystemReboot;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.manifest.Target;
import org.suptools.model.problem.Problem;
import org.suptools.model.problem.Problems;
import org.suptools.model.problem.ShownText;

/**
 * The whole-package checks, the second layer of validation: what no single field can know
 * (unique ids, payload references, paths that escape, conditions that can never hold). Returns
 * every problem at once; field checks already ran when the records were made.
 */
public final class PackageValidator {

    private final Instant now;

    public PackageValidator(Instant now) {
        this.now = now;
    }

    /** Checks a manifest read from a package. */
    public List<Problem> validate(Manifest manifest) {
        return validate(PackageContents.of(manifest));
    }

    /** Checks a package's contents: a spec with the payload files beside it, or a manifest. */
    public List<Problem> validate(PackageContents contents) {
        Problems problems = new Problems();
        if (contents.targets().isEmpty()) {
            problems.error("targets", "at least one target is required");
        }
        if (contents.actions().isEmpty()) {
            problems.error("actions", "at least one action is required");
        }
        contents.expires().filter(e -> !now.isBefore(e))
                .ifPresent(e -> problems.warning("expires", "the package expired at " + e));
        checkRequires(contents.name(), contents.requires(), problems);
        checkActions(contents.actions(), contents.targets(), contents.payloadNames(), problems);
        checkUnusedPayloads(contents.actions(), contents.payloadNames(), problems);
        return problems.toList();
    }

    /** A package cannot need itself, and one package is required once: two ranges would mean their intersection. */
    private static void checkRequires(String name, List<Requirement> requires, Problems problems) {
        Map<String, Integer> firstIndexOfName = new HashMap<>();
        for (int i = 0; i < requires.size(); i++) {
            String required = requires.get(i).name();
            String at = "requires[" + i + "].name";
            if (required.equals(name)) {
                problems.error(at, "the package cannot require itself");
            }
            Integer earlier = firstIndexOfName.putIfAbsent(required, i);
            if (earlier != null) {
                problems.error(at, ShownText.quoted(required) + " is already required by requires[" + earlier
                        + "]; write one range");
            }
        }
    }

    private static void checkActions(List<Action> actions, List<Target> targets, Set<String> payloadNames,
            Problems problems) {
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        int reboots = 0;
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            String at = "actions[" + i + "]";
            Integer earlier = firstIndexOfId.putIfAbsent(action.id(), i);
            if (earlier != null) {
                problems.error(at + ".id", ShownText.quoted(action.id()) + " is already used by actions[" + earlier + "]");
            }
            for (FieldValue ref : action.payloadReferences()) {
                checkPayloadReference(at + "." + ref.field(), ref.value(), payloadNames, problems);
            }
            for (FieldValue path : action.gatewayPaths()) {
                GatewayPathRule.check(path.value()).ifPresent(m -> problems.error(at + "." + path.field(), m));
            }
            checkFormat(action, at, problems);
            action.header().when().ifPresent(when -> checkCondition(when, targets, at, problems));
            if (action instanceof SystemReboot && ++reboots == 2) {
                problems.warning(at, "a second system.reboot adds nothing: the gateway reboots once, after the package");
            }
        }
    }

    private static void checkPayloadReference(String location, String name, Set<String> payloadNames,
            Problems problems) {
        Optional<String> unsafe = GatewayPathRule.checkRelative(name);
        if (unsafe.isPresent()) {
            problems.error(location, unsafe.get());
        } else if (!payloadNames.contains(name)) {
            problems.error(location, "no such payload file " + ShownText.quoted(name) + suggestions(payloadNames));
        }
    }

    private static String suggestions(Set<String> payloadNames) {
        if (payloadNames.isEmpty()) {
            return " (the package has no payload files)";
        }
        if (payloadNames.size() > 5) {
            return "";
        }
        return " (payload files: " + String.join(", ", new TreeSet<>(payloadNames)) + ")";
    }

    private static void checkFormat(Action action, String at, Problems problems) {
        if (action instanceof ArchiveExtract extract && extract.effectiveFormat().isEmpty()) {
            problems.error(at + ".format", "cannot tell the archive format of '" + extract.source()
                    + "' from its name; set format to zip, tar or tar.gz");
        }
        if (action instanceof FirmwareUpdate update && update.effectiveFormat().isEmpty()) {
            problems.error(at + ".format", "cannot tell the archive format of '" + update.source()
                    + "' from its name; set format to zip, tar or tar.gz");
        }
    }

    private static void checkCondition(Condition when, List<Target> targets, String at, Problems problems) {
        boolean anyTarget = targets.isEmpty() || targets.stream().anyMatch(t -> couldMatch(when, t));
        if (!anyTarget) {
            problems.warning(at + ".when", "matches none of the package's targets (" + when.summary() + ")");
        }
    }

    private static boolean couldMatch(Condition when, Target target) {
        return couldMatch(when.os(), target.os()) && couldMatch(when.product(), target.product())
                && couldMatch(when.architecture(), target.architecture());
    }

    private static boolean couldMatch(List<String> allowed, String targetValue) {
        return allowed.isEmpty() || Target.ANY.equals(targetValue) || allowed.contains(targetValue);
    }

    private static void checkUnusedPayloads(List<Action> actions, Set<String> payloadNames, Problems problems) {
        Set<String> used = new HashSet<>();
        for (Action action : actions) {
            action.payloadReferences().forEach(ref -> used.add(ref.value()));
        }
        for (String name : new TreeSet<>(payloadNames)) {
            if (!used.contains(name)) {
                problems.warning("payloads", ShownText.quoted(name) + " is not used by any action");
            }
        }
    }
}

package org.suptools.model.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.suptools.model.action.Action;
import org.suptools.model.action.FieldValue;
import org.suptools.model.manifest.FailurePolicy;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.manifest.Target;
import org.suptools.model.spec.LoadedSpec;
import org.suptools.model.spec.PackageSpec;
import org.suptools.model.spec.SpecPayload;
import org.suptools.model.version.SemVer;

/**
 * What a package would do on a gateway, decided from the gateway's profile alone (no gateway,
 * no files on it): whether the package applies, and for each action in order whether its
 * {@code when} condition lets it run. These are the installer's own decisions; what only the
 * gateway can tell (paths inside the allowed roots, free space) is left to the installer's plan.
 */
public record GatewayPlan(String packageName, SemVer version, FailurePolicy failurePolicy,
        Applicability applicability, List<PlanStep> steps) {

    public GatewayPlan {
        steps = List.copyOf(steps);
    }

    /** @param installed the versions of the packages installed on the gateway, by package name */
    public static GatewayPlan of(Manifest manifest, GatewayProfile gateway, Map<String, SemVer> installed) {
        Map<String, Long> sizes = manifest.payloads().stream()
                .collect(Collectors.toMap(PayloadFile::name, PayloadFile::size, (a, b) -> a));
        return of(manifest.name(), manifest.version(), manifest.failurePolicy(), manifest.targets(), manifest.requires(),
                manifest.actions(), sizes, gateway, installed);
    }

    /** The same for a spec, its payload files as they are on disk. */
    public static GatewayPlan of(LoadedSpec loaded, GatewayProfile gateway, Map<String, SemVer> installed) {
        PackageSpec spec = loaded.spec();
        Map<String, Long> sizes = loaded.payloads().stream()
                .collect(Collectors.toMap(SpecPayload::name, SpecPayload::size, (a, b) -> a));
        return of(spec.name(), spec.version(), spec.failurePolicy(), spec.targets(), spec.requires(), spec.actions(),
                sizes, gateway, installed);
    }

    private static GatewayPlan of(String name, SemVer version, FailurePolicy failurePolicy, List<Target> targets,
            List<Requirement> requires, List<Action> actions, Map<String, Long> payloadSizes, GatewayProfile gateway,
            Map<String, SemVer> installed) {
        List<PlanStep> steps = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            List<PlanStep.PayloadUse> payloads = new ArrayList<>();
            for (FieldValue ref : action.payloadReferences()) {
                payloads.add(new PlanStep.PayloadUse(ref.field(), ref.value(), payloadSizes.getOrDefault(ref.value(), 0L)));
            }
            steps.add(new PlanStep(i + 1, action, gateway.skipReason(action), payloads));
        }
        return new GatewayPlan(name, version, failurePolicy, Applicability.of(targets, requires, gateway, installed),
                steps);
    }

    public GatewayProfile gateway() {
        return applicability.gateway();
    }

    public boolean applies() {
        return applicability.applies();
    }

    /** How many actions run on this gateway; the others are skipped by their {@code when}. */
    public long runCount() {
        return steps.stream().filter(PlanStep::runs).count();
    }

    /** The payload bytes the running actions write or run (archives at their packed size). */
    public long payloadBytes() {
        return steps.stream().filter(PlanStep::runs).mapToLong(PlanStep::payloadBytes).sum();
    }
}

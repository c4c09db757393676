package org.suptools.model.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.suptools.model.manifest.Requirement;
import org.suptools.model.manifest.Target;
import org.suptools.model.version.SemVer;

/**
 * Whether a package is for a gateway: each of its targets held against the gateway's profile (a
 * package that lists no target is for any gateway), and each requirement against the packages
 * installed there. The installer refuses a package that does not apply; {@code sup plan} says why.
 */
public record Applicability(GatewayProfile gateway, List<TargetCheck> targets, List<RequirementCheck> requirements) {

    public Applicability {
        targets = List.copyOf(targets);
        requirements = List.copyOf(requirements);
    }

    /** @param installed the versions of the packages installed on the gateway, by package name */
    public static Applicability of(List<Target> targets, List<Requirement> requires, GatewayProfile gateway,
            Map<String, SemVer> installed) {
        List<TargetCheck> targetChecks = targets.stream().map(target -> TargetCheck.of(target, gateway)).toList();
        List<RequirementCheck> requirementChecks = new ArrayList<>();
        for (int i = 0; i < requires.size(); i++) {
            Requirement requirement = requires.get(i);
            requirementChecks.add(new RequirementCheck(i, requirement,
                    Optional.ofNullable(installed.get(requirement.name()))));
        }
        return new Applicability(gateway, targetChecks, requirementChecks);
    }

    /** The first target that matches the gateway; empty when none does, or when the package lists none. */
    public Optional<Target> matchedTarget() {
        return targets.stream().filter(TargetCheck::matches).map(TargetCheck::target).findFirst();
    }

    public boolean targetMatches() {
        return targets.isEmpty() || matchedTarget().isPresent();
    }

    public boolean requirementsMet() {
        return requirements.stream().allMatch(RequirementCheck::met);
    }

    public boolean applies() {
        return targetMatches() && requirementsMet();
    }

    /** Why no target matches, in one line: {@code the package is for a/linux/x86_64, not for this gateway (...)}. */
    public String targetRefusal() {
        List<String> listed = targets.stream().map(check -> check.target().toString()).toList();
        return "the package is for " + String.join(", ", listed) + ", not for this gateway (" + gateway + ")";
    }

    /** Why the package does not apply, in one line: the target refusal, then each unmet requirement. */
    public String refusal() {
        List<String> reasons = new ArrayList<>();
        if (!targetMatches()) {
            reasons.add(targetRefusal());
        }
        reasons.addAll(unmetRequirements());
        return String.join("; ", reasons);
    }

    /** Each unmet requirement, located: {@code requires[0]: needs acme-base >=1.0.0, which is not installed}. */
    public List<String> unmetRequirements() {
        return requirements.stream().filter(check -> !check.met())
                .map(check -> check.location() + ": " + check.message())
                .toList();
    }
}

package org.suptools.agent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.suptools.model.problem.Problem;

/**
 * Reads the config keys of the agent's own checks: {@code period} and {@code jitter} (with their
 * older names {@code checkPeriod} and {@code checkJitter}), {@code checkForUpdates}, {@code schedule},
 * {@code apply} and {@code throttle}, each problem named by its key.
 */
final class CheckPolicyReader {

    /** The longest period: a check a year apart is no check. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);
    static final Duration MIN_PERIOD = Duration.ofSeconds(1);

    private CheckPolicyReader() {
    }

    /**
     * A duration or throttle as written: text, or a whole number (YAML writes {@code 90} without
     * quotes); anything else is a problem named by its key, and read as absent.
     */
    static String scalar(JsonNode node, String key, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText();
        }
        problems.add(Problem.error(key, "must be text such as 30min, or a whole number, was " + node));
        return "";
    }

    static Duration period(JsonNode periodNode, JsonNode olderNode, Duration otherwise, List<Problem> problems) {
        String period = scalar(periodNode, "period", problems);
        String older = scalar(olderNode, "checkPeriod", problems);
        if ("".equals(period) || "".equals(older)) {
            return otherwise;
        }
        String key = period != null ? "period" : "checkPeriod";
        if (period != null && older != null) {
            problems.add(Problem.error("checkPeriod", "is the older name of period: give one of them"));
        }
        String text = period != null ? period : older;
        if (text == null) {
            return otherwise;
        }
        try {
            Duration value = DurationText.parse(text);
            if (value.compareTo(MIN_PERIOD) < 0 || value.compareTo(MAX_PERIOD) > 0) {
                problems.add(Problem.error(key, "must be from 1s to 366day, was " + DurationText.describe(value)));
                return otherwise;
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(key, e.getMessage()));
            return otherwise;
        }
    }

    static Duration jitter(JsonNode jitterNode, JsonNode olderNode, Duration period, List<Problem> problems) {
        String jitter = scalar(jitterNode, "jitter", problems);
        String older = scalar(olderNode, "checkJitter", problems);
        if ("".equals(jitter) || "".equals(older)) {
            return AgentConfigLoader.defaultJitter(period);
        }
        String key = jitter != null ? "jitter" : "checkJitter";
        String periodKey = "period";
        if (jitter != null && older != null) {
            problems.add(Problem.error("checkJitter", "is the older name of jitter: give one of them"));
        }
        String text = jitter != null ? jitter : older;
        if (text == null) {
            return AgentConfigLoader.defaultJitter(period);
        }
        try {
            Duration value = DurationText.parse(text);
            if (value.compareTo(period) >= 0) {
                problems.add(Problem.error(key, "must be less than " + periodKey + " (" + DurationText.describe(period)
                        + "), was " + DurationText.describe(value)));
                return AgentConfigLoader.defaultJitter(period);
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(key, e.getMessage()));
            return AgentConfigLoader.defaultJitter(period);
        }
    }

    static CheckPolicy read(Boolean checkForUpdates, String schedule, String apply, JsonNode throttle,
            List<Problem> problems) {
        String throttleText = scalar(throttle, "throttle", problems);
        return new CheckPolicy(Boolean.TRUE.equals(checkForUpdates), window(schedule, "schedule", problems),
                window(apply, "apply", problems), "".equals(throttleText) ? Throttle.NONE
                        : throttle(throttleText, problems), ZoneId.systemDefault());
    }

    private static Optional<Window> window(String text, String key, List<Problem> problems) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Window.parse(text));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(key, e.getMessage()));
            return Optional.empty();
        }
    }

    private static Throttle throttle(String text, List<Problem> problems) {
        if (text == null) {
            return Throttle.NONE;
        }
        try {
            return Throttle.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(Problem.error("throttle", e.getMessage()));
            return Throttle.NONE;
        }
    }
}

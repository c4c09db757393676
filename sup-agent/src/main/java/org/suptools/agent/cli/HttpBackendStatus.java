package org.suptools.agent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.suptools.agent.AgentLog;
import org.suptools.agent.config.BackendSettings;
import org.suptools.agent.config.DurationText;
import org.suptools.agent.config.HttpAgentConfig;
import org.suptools.agent.job.JobResult;
import org.suptools.agent.ota.BackendLoop;
import org.suptools.agent.ota.OtaJob;
import org.suptools.agent.ota.OtaStore;
import org.suptools.agent.store.AgentJson;
import org.suptools.agent.update.CheckTimer;

/**
 * {@code sup-agent status} when the config's backend is the plain HTTP one: what its files under
 * {@code <stateDir>/ota/} say (the version checks' timer, the upgrade under way, a result waiting to
 * be posted to the notify URL, the last upgrade, the settings the backend sent), read only.
 */
final class HttpBackendStatus {

    private final HttpAgentConfig config;

    HttpBackendStatus(HttpAgentConfig config) {
        this.config = config;
    }

    void print(PrintWriter out, boolean json) throws IOException {
        CheckTimer timer = new BackendLoop(config.stateDir(), Clock.systemUTC(), new Random(), AgentLog.NONE)
                .timer(config.backend());
        Optional<Instant> lastCheck = timer.lastCheck();
        Optional<Instant> nextCheck = timer.nextCheck();
        OtaStore store = new OtaStore(config.stateDir());
        Optional<OtaJob> upgrade = store.job();
        Optional<OtaJob> pendingNotify = upgrade.filter(job -> job.stage().terminal() && !job.notified());
        Optional<OtaJob> last = store.last();
        Map<String, String> settings = BackendSettings.kept(config.stateDir());
        String state = upgrade.isPresent() ? "busy" : "idle";
        if (json) {
            ObjectNode status = AgentJson.mapper().createObjectNode();
            status.put("backend", "http");
            status.put("deviceId", config.backend().deviceId());
            status.put("versionUrl", config.backend().versionUrl().toString());
            status.put("stateDir", config.stateDir().toString());
            status.put("state", state);
            status.put("checkPeriod", DurationText.describe(config.backend().checkPeriod()));
            status.put("checkJitter", DurationText.describe(config.backend().jitter()));
            putInstant(status, "lastVersionCheck", lastCheck);
            putInstant(status, "nextVersionCheck", nextCheck);
            status.set("upgrade", upgrade.isEmpty() ? null : AgentJson.mapper().valueToTree(upgrade.get()));
            if (pendingNotify.isPresent()) {
                ObjectNode pending = status.putObject("pendingNotify");
                pending.put("id", pendingNotify.get().id());
                pending.put("result", pendingNotify.get().notification());
                config.backend().notifyUri().ifPresent(uri -> pending.put("notifyUrl", uri.toString()));
            } else {
                status.putNull("pendingNotify");
            }
            status.set("last", last.isEmpty() ? null : AgentJson.mapper().valueToTree(last.get()));
            status.set("settings", AgentJson.mapper().valueToTree(settings));
            out.print(new String(AgentJson.bytes(status), StandardCharsets.UTF_8));
            return;
        }
        out.println("device id:      " + config.backend().deviceId() + " (HTTP backend " + config.backend().versionUrl()
                + ")");
        out.println("state dir:      " + config.stateDir());
        out.println("state:          " + state);
        out.println("version check:  last " + lastCheck.map(Instant::toString).orElse("never") + ", next due "
                + nextCheck.map(Instant::toString).orElse("at the next start (plus jitter)") + "; every "
                + DurationText.describe(config.backend().checkPeriod()) + " plus up to "
                + DurationText.describe(config.backend().jitter()));
        out.println("upgrade:        " + upgrade.map(job -> job.id() + " " + job.version().orElse("") + " "
                + job.stage() + ", " + job.downloadedBytes() + " byte(s) downloaded, installs "
                + job.installAttempts()).orElse("none"));
        out.println("pending notify: " + pendingNotify.map(job -> "'" + job.notification() + "' waits to be posted to "
                + config.backend().notifyUri().map(Object::toString).orElse("the notify URL")).orElse("none"));
        out.println("last upgrade:   " + last.map(job -> job.id() + " " + job.version().orElse("") + ": "
                + job.result().map(JobResult::describe).orElse(job.stage().name()) + " at " + job.updatedAt())
                .orElse("none"));
        if (settings.isEmpty()) {
            out.println("settings taken: none");
        } else {
            out.println("settings taken: from the backend's answers (" + config.settingsFile() + "):");
            settings.forEach((key, val) -> out.println("  " + key + " = " + val));
        }
    }

    private static void putInstant(ObjectNode node, String field, Optional<Instant> at) {
        if (at.isPresent()) {
            node.put(field, at.get().toString());
        } else {
            node.putNull(field);
        }
    }
}

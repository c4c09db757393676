package org.suptools.agent;

import java.io.PrintWriter;
import java.time.Clock;

/** The agent's own log: one line per thing it does, with the time, for people and service managers. */
@FunctionalInterface
public interface AgentLog {

    AgentLog NONE = line -> {
    };

    void info(String line);

    /** Lines as {@code 2026-12-01T10:00:00Z sup-agent: ...} on {@code out}. */
    static AgentLog to(PrintWriter out, Clock clock) {
        return line -> {
            synchronized (out) {
                out.println(clock.instant() + " sup-agent: " + line);
                out.flush();
            }
        };
    }
}

package org.suptools.portal.mqtt;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Keeps the embedded broker's own log (logback, INFO by default) to warnings and errors. */
final class Logging {

    private Logging() {
    }

    static void quietBroker() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(
                    Level.toLevel(System.getProperty("sup.portal.broker.log", "WARN"), Level.WARN));
        }
    }
}

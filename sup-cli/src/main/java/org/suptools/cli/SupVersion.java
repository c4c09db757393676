package org.suptools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code sup --version}: the project version, written into a resource when the jar is built. */
public final class SupVersion implements IVersionProvider {

    static final String RESOURCE = "sup-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"sup " + version(), "Java " + System.getProperty("java.version")};
    }

    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = SupVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}

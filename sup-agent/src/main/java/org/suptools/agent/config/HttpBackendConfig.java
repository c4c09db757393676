package org.suptools.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent config's {@code backend} block when it is {@code type: http}: the plain HTTP update
 * backend of seed 003, for gateways that are not on a TR50 portal ({@link HttpAgentConfigLoader}
 * reads it; docs/reference/agent.md describes each field).
 *
 * @param versionUrl where the agent POSTs its current version; answered {@code {"upgrade": 0|1, "settings": [..]}}
 * @param packageUrl the package's URL, every {@code @} in it the device id
 * @param notifyUrl where the result is POSTed ({@code 900 Success} or {@code 901 Failure: <reason>}),
 *     every {@code @} in it the device id; none: no result is posted
 * @param deviceId the device's id: in the {@code User-Agent} ({@code sup-agent/<deviceId>}) and the URLs
 * @param user the HTTP Basic user (the portal emulator's thing key); none: no credentials are sent
 * @param password the HTTP Basic password (the thing's app token)
 * @param packageName the installed package whose version is posted; none: the gateway's runtime version
 * @param checkPeriod how often {@code sup-agent run} checks the version URL
 * @param checkJitter how far after each due time a check may fall, at random, so a fleet started together
 *     (after a power cut) does not check in lock step; none: a tenth of the check period
 */
public record HttpBackendConfig(URI versionUrl, String packageUrl, Optional<String> notifyUrl, String deviceId,
        Optional<String> user, Optional<String> password, Optional<String> packageName, Duration checkPeriod,
        Optional<Duration> checkJitter) {

    /** The placeholder the seed replaces with the device id. */
    public static final String DEVICE_PLACEHOLDER = "@";

    public HttpBackendConfig {
        Objects.requireNonNull(versionUrl, "versionUrl");
        Objects.requireNonNull(packageUrl, "packageUrl");
        notifyUrl = notifyUrl == null ? Optional.empty() : notifyUrl;
        Objects.requireNonNull(deviceId, "deviceId");
        user = user == null ? Optional.empty() : user;
        password = password == null ? Optional.empty() : password;
        packageName = packageName == null ? Optional.empty() : packageName;
        Objects.requireNonNull(checkPeriod, "checkPeriod");
        if (checkPeriod.isNegative() || checkPeriod.isZero()) {
            throw new IllegalArgumentException("checkPeriod: must be more than zero, was " + checkPeriod);
        }
        checkJitter = checkJitter == null ? Optional.empty() : checkJitter;
        if (checkJitter.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("checkJitter: must be 0 or more, was " + checkJitter.get());
        }
    }

    /**
     * The jitter in force: the configured one while it is less than the check period (which the backend's
     * settings may shorten), else a tenth of the period, as the TR50 agent's default.
     */
    public Duration jitter() {
        return checkJitter.filter(j -> j.compareTo(checkPeriod) < 0).orElse(checkPeriod.dividedBy(10));
    }

    /** The package URL with the device id for each {@code @}. */
    public URI packageUri() {
        return URI.create(packageUrl.replace(DEVICE_PLACEHOLDER, deviceId));
    }

    /** The notify URL with the device id for each {@code @}. */
    public Optional<URI> notifyUri() {
        return notifyUrl.map(url -> URI.create(url.replace(DEVICE_PLACEHOLDER, deviceId)));
    }

    /** The {@code User-Agent} of every request: the agent, then the device it speaks for, as the seed's {@code GW/<IMEI>}. */
    public String userAgent() {
        return "sup-agent/" + deviceId;
    }

    public HttpBackendConfig withCheckPeriod(Duration period) {
        return new HttpBackendConfig(versionUrl, packageUrl, notifyUrl, deviceId, user, password, packageName, period,
                checkJitter);
    }


    @Override
    public String toString() {
        // Never the password: configs end up in logs.
        return "HttpBackendConfig[versionUrl=" + versionUrl + ", packageUrl=" + packageUrl + ", notifyUrl="
                + notifyUrl.orElse("none") + ", deviceId=" + deviceId + "]";
    }
}

package org.suptools.tr50;

import java.util.List;

/**
 * The TR50 MQTT topic names under a prefix. Against the real portal the prefix is empty: requests
 * go to {@code api/0001}, replies come on {@code reply/0001}, notices on {@code notify/...}, and the
 * portal routes replies to the requester alone. A plain broker shared by many gateways does not,
 * so each thing gets its own prefix, such as {@code fleet1/gw-1/}, and the broker's per-user ACL
 * ({@code pattern readwrite fleet1/%u/#} in mosquitto) keeps gateways apart.
 *
 * @param prefix empty, or topic levels each followed by {@code /}, without wildcards or a leading
 *     {@code /} or {@code $}
 */
public record Topics(String prefix) {

    static final String API = "api";
    static final String APIZ = "apiz";
    static final String REPLY = "reply";
    static final String REPLYZ = "replyz";
    static final String NOTIFY = "notify";

    /** The topics of the real portal: no prefix. */
    public static final Topics PORTAL = new Topics("");

    public Topics {
        Checks.present("prefix", prefix);
        if (!prefix.isEmpty()) {
            if (!prefix.endsWith("/")) {
                throw new IllegalArgumentException("prefix: must end with '/', was " + Text.quote(prefix));
            }
            if (prefix.startsWith("$")) {
                throw new IllegalArgumentException("prefix: must not start with '$' (the broker's own topics), was "
                        + Text.quote(prefix));
            }
            for (String level : prefix.substring(0, prefix.length() - 1).split("/", -1)) {
                requireLevel("prefix", level);
            }
        }
    }

    /**
     * The prefix of one thing on a shared broker: {@code fleet1} and {@code gw-1} give
     * {@code fleet1/gw-1/}, matching the ACL {@code pattern readwrite fleet1/%u/#} when the MQTT
     * user name is the thing key.
     *
     * @param base the fleet's levels, such as {@code fleet1}, or empty for {@code gw-1/}
     */
    public static Topics perThing(String base, String thingKey) {
        Checks.present("base", base);
        requireLevel("thingKey", thingKey);
        return new Topics(base.isEmpty() ? thingKey + "/" : base + "/" + thingKey + "/");
    }

    public String api(TopicNumber number) {
        return name(new Topic.Request(number, false));
    }

    public String apiz(TopicNumber number) {
        return name(new Topic.Request(number, true));
    }

    public String reply(TopicNumber number) {
        return name(new Topic.Reply(number, false));
    }

    public String replyz(TopicNumber number) {
        return name(new Topic.Reply(number, true));
    }

    public String notify(String name) {
        return name(new Topic.Notify(name));
    }

    public String mailboxActivity() {
        return notify(MailboxActivity.NAME);
    }

    /** The full topic: the prefix, then the topic's path. */
    public String name(Topic topic) {
        return prefix + topic.path();
    }

    /** What a gateway subscribes to: its replies (plain and deflated) and its notices. */
    public List<String> clientSubscriptions() {
        return List.of(prefix + REPLY + "/#", prefix + REPLYZ + "/#", prefix + NOTIFY + "/#");
    }

    /** What the portal side subscribes to for this prefix: the requests, plain and deflated. */
    public List<String> serverSubscriptions() {
        return List.of(prefix + API + "/#", prefix + APIZ + "/#");
    }

    /**
     * What a topic under this prefix is for.
     *
     * @throws Tr50Exception if it is not under the prefix, not a TR50 topic, or its number or name
     *     is malformed
     */
    public Topic parse(String topic) throws Tr50Exception {
        Checks.present("topic", topic);
        if (!topic.startsWith(prefix)) {
            throw malformed(topic, "is not under the prefix " + Text.quote(prefix));
        }
        String path = topic.substring(prefix.length());
        int slash = path.indexOf('/');
        if (slash < 0) {
            throw malformed(topic, "has no number or name after " + Text.quote(path));
        }
        String kind = path.substring(0, slash);
        String rest = path.substring(slash + 1);
        switch (kind) {
            case API, APIZ, REPLY, REPLYZ:
                TopicNumber number = number(topic, rest);
                boolean compressed = kind.equals(APIZ) || kind.equals(REPLYZ);
                return kind.startsWith(API) ? new Topic.Request(number, compressed) : new Topic.Reply(number, compressed);
            case NOTIFY:
                try {
                    return new Topic.Notify(rest);
                } catch (IllegalArgumentException e) {
                    throw malformed(topic, "has a malformed notification name " + Text.quote(rest));
                }
            default:
                throw malformed(topic, "is not a TR50 topic (api/, apiz/, reply/, replyz/ or notify/ after the prefix)");
        }
    }

    private static TopicNumber number(String topic, String text) throws Tr50Exception {
        try {
            return new TopicNumber(text);
        } catch (IllegalArgumentException e) {
            throw malformed(topic, "has a malformed number " + Text.quote(text) + " (1 to 18 decimal digits)");
        }
    }

    private static Tr50Exception malformed(String topic, String problem) {
        return new Tr50Exception("", "topic " + Text.quote(topic) + " " + problem);
    }

    /** One topic level: not empty, no separator, no wildcard, no NUL. */
    static void requireLevel(String field, String level) {
        Checks.present(field, level);
        if (level.isEmpty() || level.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            throw new InvalidFieldException(field, "must be one non-empty topic level without '/', '+', '#' or NUL, was "
                    + Text.quote(level));
        }
    }
}

package org.suptools.tr50;

/** What a TR50 MQTT topic is for, without its prefix: see {@link Topics}. */
public sealed interface Topic permits Topic.Request, Topic.Reply, Topic.Notify {

    /** The topic's levels after the prefix, such as {@code api/0001}. */
    String path();

    /**
     * {@code api/<n>}, or {@code apiz/<n>} when the payload is deflated.
     *
     * @param number ties it to its reply
     * @param compressed whether the payload is deflated (see {@link Deflate})
     */
    record Request(TopicNumber number, boolean compressed) implements Topic {

        public Request {
            Checks.present("number", number);
        }

        /** Where the answer goes: {@code reply/<n>}, or {@code replyz/<n>} for a deflated request. */
        public Reply reply() {
            return new Reply(number, compressed);
        }

        @Override
        public String path() {
            return (compressed ? Topics.APIZ : Topics.API) + "/" + number;
        }
    }

    /** {@code reply/<n>}, or {@code replyz/<n>} when the payload is deflated. */
    record Reply(TopicNumber number, boolean compressed) implements Topic {

        public Reply {
            Checks.present("number", number);
        }

        @Override
        public String path() {
            return (compressed ? Topics.REPLYZ : Topics.REPLY) + "/" + number;
        }
    }

    /**
     * {@code notify/<name>}, such as {@code notify/mailbox_activity}.
     *
     * @param name one topic level: no {@code /}, {@code +} or {@code #}
     */
    record Notify(String name) implements Topic {

        public Notify {
            Topics.requireLevel("name", name);
        }

        @Override
        public String path() {
            return Topics.NOTIFY + "/" + name;
        }
    }
}

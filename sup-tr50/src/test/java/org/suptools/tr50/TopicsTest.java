package org.suptools.tr50;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MQTT topic names, with the real portal's empty prefix and with a per-thing prefix. */
class TopicsTest {

    private static final Topics FLEET = Topics.perThing("fleet1", "gw-1");

    @Test
    void portal_namesTopicsAsThePythonAgentDoes() {
        TopicNumber first = TopicNumber.of(1);

        assertThat(Topics.PORTAL.api(first)).isEqualTo("api/0001");
        assertThat(Topics.PORTAL.apiz(first)).isEqualTo("apiz/0001");
        assertThat(Topics.PORTAL.reply(first)).isEqualTo("reply/0001");
        assertThat(Topics.PORTAL.replyz(first)).isEqualTo("replyz/0001");
        assertThat(Topics.PORTAL.mailboxActivity()).isEqualTo("notify/mailbox_activity");
        assertThat(Topics.PORTAL.clientSubscriptions()).containsExactly("reply/#", "replyz/#", "notify/#");
        assertThat(Topics.PORTAL.serverSubscriptions()).containsExactly("api/#", "apiz/#");
    }

    @Test
    void perThing_putsEveryTopicUnderTheThingsLevel() {
        assertThat(FLEET.prefix()).isEqualTo("fleet1/gw-1/");
        assertThat(FLEET.api(TopicNumber.of(42))).isEqualTo("fleet1/gw-1/api/0042");
        assertThat(FLEET.replyz(TopicNumber.of(42))).isEqualTo("fleet1/gw-1/replyz/0042");
        assertThat(FLEET.mailboxActivity()).isEqualTo("fleet1/gw-1/notify/mailbox_activity");
        assertThat(FLEET.clientSubscriptions())
                .containsExactly("fleet1/gw-1/reply/#", "fleet1/gw-1/replyz/#", "fleet1/gw-1/notify/#");
        assertThat(Topics.perThing("", "gw-1").prefix()).isEqualTo("gw-1/");
        assertThat(Topics.perThing("site/a", "gw-1").prefix()).isEqualTo("site/a/gw-1/");
    }

    @ParameterizedTest
    @CsvSource({
        "'',             api/0001,                  api/0001",
        "'',             apiz/17,                   apiz/17",
        "'',             reply/0001,                reply/0001",
        "'',             replyz/123456789012345678, replyz/123456789012345678",
        "'',             notify/mailbox_activity,   notify/mailbox_activity",
        "fleet1/gw-1/,   fleet1/gw-1/api/0001,      api/0001",
        "fleet1/gw-1/,   fleet1/gw-1/replyz/0002,   replyz/0002",
        "fleet1/gw-1/,   fleet1/gw-1/notify/x,      notify/x",
    })
    void parse_readsEveryKindAndNamesItBackTheSame(String prefix, String topic, String path) throws Tr50Exception {
        Topics topics = new Topics(prefix);

        Topic parsed = topics.parse(topic);

        assertThat(parsed.path()).isEqualTo(path);
        assertThat(topics.name(parsed)).isEqualTo(topic);
    }

    @Test
    void parse_tiesARequestToItsReplyWithTheSameDigits() throws Tr50Exception {
        Topic request = FLEET.parse("fleet1/gw-1/apiz/7");

        assertThat(request).isEqualTo(new Topic.Request(new TopicNumber("7"), true));
        assertThat(FLEET.name(((Topic.Request) request).reply())).isEqualTo("fleet1/gw-1/replyz/7");
        assertThat(FLEET.parse("fleet1/gw-1/api/0007")).isEqualTo(new Topic.Request(TopicNumber.of(7), false));
        assertThat(FLEET.parse("fleet1/gw-1/reply/0007")).isEqualTo(new Topic.Reply(TopicNumber.of(7), false));
        assertThat(FLEET.parse("fleet1/gw-1/notify/mailbox_activity")).isEqualTo(new Topic.Notify(MailboxActivity.NAME));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "api/0001                        | topic \"api/0001\" is not under the prefix \"fleet1/gw-1/\"",
        "fleet1/gw-2/api/0001            | topic \"fleet1/gw-2/api/0001\" is not under the prefix \"fleet1/gw-1/\"",
        "fleet1/gw-1/api                 | topic \"fleet1/gw-1/api\" has no number or name after \"api\"",
        "fleet1/gw-1/api/                | topic \"fleet1/gw-1/api/\" has a malformed number \"\" (1 to 18 decimal digits)",
        "fleet1/gw-1/api/12a             | topic \"fleet1/gw-1/api/12a\" has a malformed number \"12a\" (1 to 18 decimal digits)",
        "fleet1/gw-1/reply/-1            | topic \"fleet1/gw-1/reply/-1\" has a malformed number \"-1\" (1 to 18 decimal digits)",
        "fleet1/gw-1/reply/1/2           | topic \"fleet1/gw-1/reply/1/2\" has a malformed number \"1/2\" (1 to 18 decimal digits)",
        "fleet1/gw-1/reply/1234567890123456789 | topic \"fleet1/gw-1/reply/1234567890123456789\" has a malformed number \"1234567890123456789\" (1 to 18 decimal digits)",
        "fleet1/gw-1/notify/a/b          | topic \"fleet1/gw-1/notify/a/b\" has a malformed notification name \"a/b\"",
        "fleet1/gw-1/notify/             | topic \"fleet1/gw-1/notify/\" has a malformed notification name \"\"",
        "fleet1/gw-1/API/0001            | topic \"fleet1/gw-1/API/0001\" is not a TR50 topic (api/, apiz/, reply/, replyz/ or notify/ after the prefix)",
        "fleet1/gw-1/status/0001         | topic \"fleet1/gw-1/status/0001\" is not a TR50 topic (api/, apiz/, reply/, replyz/ or notify/ after the prefix)",
    })
    void parse_refusesMalformedTopics(String topic, String message) {
        assertThatThrownBy(() -> FLEET.parse(topic)).isInstanceOf(Tr50Exception.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fleet1", "/fleet1/", "fleet1//gw-1/", "fleet1/+/", "#/", "$SYS/", "fleet1/gw\u0000/"})
    void topics_refusesAPrefixThatIsNotPlainLevels(String prefix) {
        assertThatThrownBy(() -> new Topics(prefix)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prefix: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gw/1", "gw+", "gw#"})
    void perThing_refusesAThingKeyThatIsNotOneLevel(String thingKey) {
        assertThatThrownBy(() -> Topics.perThing("fleet1", thingKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("thingKey: must be one non-empty topic level");
    }

    @Test
    void topicNumber_countsWithFourDigitsAndKeepsAPeersSpelling() {
        assertThat(TopicNumber.of(0)).hasToString("0000");
        assertThat(TopicNumber.of(9999).next()).hasToString("10000");
        assertThat(new TopicNumber("7").next()).hasToString("0008");
        assertThat(new TopicNumber("0007")).isNotEqualTo(new TopicNumber("7"));
        assertThat(new TopicNumber("0007").value()).isEqualTo(7);
        assertThatThrownBy(() -> TopicNumber.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

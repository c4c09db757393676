package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The campaign demo reads the portal's documented JSON (docs/reference/portal.md), never its classes. */
class DemoCampaignRecordsTest {

    private static final String COMPLETED = """
            {"id": "C0001", "name": "sup-demo", "state": "Completed", "succeeded": 1, "failed": 1,
             "members": [
               {"thingKey": "gw-1", "mailboxId": "M1", "status": "Completed", "result": "success", "errorCode": 0,
                "log": [{"msg": "installed successfully"}]},
               {"thingKey": "gw-3", "mailboxId": "M3", "status": "Completed", "result": "failure",
                "errorCode": -90103, "errorMessage": "the package is for dw-gateway, not for this gateway"}]}
            """;

    @Test
    void parse_readsEachMemberRecordWithItsResultCodeAndMessage() throws IOException {
        DemoCampaignRecords records = DemoCampaignRecords.parse(COMPLETED, "api");

        assertThat(records.completed()).isTrue();
        assertThat(records.succeeded()).isEqualTo(1);
        assertThat(records.failed()).isEqualTo(1);
        assertThat(records.members()).containsExactly(
                new DemoCampaignRecords.Member("gw-1", "M1", "Completed", "success", 0, ""),
                new DemoCampaignRecords.Member("gw-3", "M3", "Completed", "failure", -90103,
                        "the package is for dw-gateway, not for this gateway"));
    }

    @Test
    void parse_aRunningCampaignsMembersHaveNoResultYet() throws IOException {
        DemoCampaignRecords records = DemoCampaignRecords.parse("""
                {"id": "C0002", "state": "Running", "members": [
                  {"thingKey": "gw-1", "mailboxId": "M1", "status": "In Progress"}]}
                """, "api");

        assertThat(records.completed()).isFalse();
        assertThat(records.members().get(0).result()).isEmpty();
        assertThat(records.succeeded() + records.failed()).isZero();
    }

    @Test
    void parse_aMemberWithoutItsMailboxId_isRefusedNamingTheSourceAndTheField() {
        assertThatThrownBy(() -> DemoCampaignRecords.parse("""
                {"id": "C0001", "state": "Running", "members": [{"thingKey": "gw-1", "status": "Ready"}]}
                """, "http://127.0.0.1:8080/api/campaigns/C0001"))
                .isInstanceOf(IOException.class)
                .hasMessage("http://127.0.0.1:8080/api/campaigns/C0001: members[0].mailboxId: a string is expected");
    }

    @Test
    void parse_textThatIsNotJson_isRefusedInOneLine() {
        assertThatThrownBy(() -> DemoCampaignRecords.parse("<html>busy</html>", "api"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("api: not JSON: ")
                .hasMessageNotContaining("\n");
    }
}

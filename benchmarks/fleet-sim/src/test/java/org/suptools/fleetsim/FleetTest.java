package org.suptools.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTest {

    @Test
    void members_areNumberedFromOneAndPaddedSoKeysSortAsNumbers() {
        Fleet fleet = new Fleet("gw-", 1000, "s3cretXYZ");

        List<String> keys = fleet.members().stream().map(Fleet.Member::key).toList();

        assertThat(keys).hasSize(1000).doesNotHaveDuplicates().isSorted();
        assertThat(keys.get(0)).isEqualTo("gw-0001");
        assertThat(keys.get(999)).isEqualTo("gw-1000");
    }

    @Test
    void member_derivesItsAppIdAndTokenFromItsKey() {
        Fleet.Member member = new Fleet("gw-", 5, "s3cretXYZ").member(5);

        assertThat(member).isEqualTo(new Fleet.Member("gw-5", "app-gw-5", "s3cretXYZ-gw-5"));
    }

    @Test
    void member_outsideTheFleetIsRefused() {
        Fleet fleet = new Fleet("gw-", 3, "s3cretXYZ");

        assertThatThrownBy(() -> fleet.member(4)).hasMessage("member: 1 to 3, was 4");
        assertThatThrownBy(() -> fleet.member(0)).hasMessage("member: 1 to 3, was 0");
    }

    @Test
    void fleet_refusesAPrefixThatIsNotATopicLevelAndAShortSecret() {
        assertThatThrownBy(() -> new Fleet("gw/", 3, "s3cretXYZ")).hasMessageStartingWith("prefix:");
        assertThatThrownBy(() -> new Fleet("gw-", 3, "short")).hasMessageStartingWith("secret:");
        assertThatThrownBy(() -> new Fleet("gw-", 0, "s3cretXYZ")).hasMessage("size: at least 1 gateway, was 0");
    }
}

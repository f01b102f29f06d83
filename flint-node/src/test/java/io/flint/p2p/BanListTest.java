package io.flint.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.p2p.transport.Endpoint;
import org.junit.jupiter.api.Test;

class BanListTest {
    private final BanList bans = new BanList(3, 3_600_000);

    @Test
    void offenceCountsAndBansStayBoundedHoweverManyIdsAndHostsOffend() {
        int many = BanList.MAX_TRACKED * 2;
        for (int i = 0; i < many; i++) {
            bans.offence("id" + i, null, "bad", 0);
            bans.hostOffence("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), "bad", 0);
        }
        // one entry per key in each of the two count maps, at most MAX_TRACKED in each
        assertThat(bans.tracked()).isLessThanOrEqualTo(2 * BanList.MAX_TRACKED);
        // the newest are the ones remembered: a third strike on one of them is a ban
        String newest = "id" + (many - 1);
        bans.offence(newest, new Endpoint("10.0.0.1", 7000), "bad", 1);
        assertThat(bans.offence(newest, new Endpoint("10.0.0.1", 7000), "bad", 2)).isPresent();
        assertThat(bans.isBanned(newest, 3)).isTrue();
        assertThat(bans.isBanned(new Endpoint("10.0.0.1", 7000), 3)).isTrue();
    }

    @Test
    void bansInForceAreBoundedTooTheOldestLiftedFirst() {
        for (int i = 0; i < BanList.MAX_TRACKED + 5; i++) {
            Endpoint at = new Endpoint("10.1." + (i >> 8) + "." + (i & 255), 7000);
            for (int strike = 0; strike < 3; strike++) {
                bans.offence("p" + i, at, "bad", 0);
            }
        }
        assertThat(bans.snapshot()).hasSize(BanList.MAX_TRACKED);
        assertThat(bans.isBanned("p0", 1)).isFalse();
        assertThat(bans.isBanned(new Endpoint("10.1.0.0", 7000), 1)).isFalse();
        assertThat(bans.isBanned("p" + (BanList.MAX_TRACKED + 4), 1)).isTrue();
    }
}

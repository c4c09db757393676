package org.suptools.portal.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code thing delete} and {@code file delete}: each refused while a campaign that is not finished (a
 * draft or running one) needs the thing or the file, otherwise done as one crash-safe step
 * ({@link Removal}) under the data directory's lock, so no campaign can take the thing or file meanwhile.
 */
public final class Deletions {

    private final DataDir data;
    private final Clock clock;
    private final Things things;
    private final Campaigns campaigns;

    public Deletions(DataDir data, Clock clock) {
        this.data = data;
        this.clock = clock;
        this.things = new Things(data, clock);
        this.campaigns = new Campaigns(data, clock);
    }

    /**
     * Deletes a thing: its credentials at once (a running embedded broker also drops its connection), its
     * own files and pending notices. Its mailbox and what it published stay while a finished campaign
     * names it, since its member records are read from them; otherwise they go too.
     *
     * @throws IllegalArgumentException when there is no such thing
     * @throws RefusedException when a campaign not finished has it as a member
     */
    public Thing deleteThing(String key) {
        return data.locked(() -> {
            Removal.finishPending(data);
            Thing thing = things.find(key).orElseThrow(() -> new IllegalArgumentException("KEY: no thing '" + key
                    + "'"));
            Predicate<Campaign> member = c -> c.members().stream().anyMatch(m -> m.thingKey().equals(key));
            List<String> unfinished = unfinished(member);
            if (!unfinished.isEmpty()) {
                throw new RefusedException("thing " + key + " is a member of campaign(s) not finished: "
                        + String.join(", ", unfinished) + " (cancel them or let them complete first)");
            }
            List<String> rest = new ArrayList<>(List.of("files/things/" + key, "notify/" + key,
                    "ota/devices/" + key + ".json"));
            if (campaigns.all().stream().noneMatch(member)) {
                rest.add("mailboxes/" + key + ".json");
                rest.add("telemetry/" + key);
            }
            Removal.remove(data, new Removal.Plan("things/" + key + ".json", rest));
            new DisconnectSpool(data).request(thing);
            return thing;
        });
    }

    /**
     * Deletes a Developer File, its metadata and its bytes.
     *
     * @throws IllegalArgumentException when there is no such file
     * @throws RefusedException when a campaign not finished sends it, or a release is published from it
     */
    public StoredFile deleteDeveloperFile(String name) {
        return data.locked(() -> {
            Removal.finishPending(data);
            FileStore store = FileStore.developerFiles(data, clock);
            StoredFile file = store.find(name).orElseThrow(() -> new IllegalArgumentException("NAME: no Developer "
                    + "File named '" + name + "'"));
            List<String> unfinished = unfinished(c -> c.fileName().equals(name));
            if (!unfinished.isEmpty()) {
                throw new RefusedException("file " + name + " is sent by campaign(s) not finished: "
                        + String.join(", ", unfinished) + " (cancel them or let them complete first)");
            }
            List<String> releases = new Releases(data, clock).sending(name).stream().map(Release::label).toList();
            if (!releases.isEmpty()) {
                throw new RefusedException("file " + name + " is published as release(s) " + String.join(", ", releases)
                        + " (withdraw them first)");
            }
            if (new Ota(data, clock).config().offer().filter(offer -> offer.fileName().equals(name)).isPresent()) {
                throw new RefusedException("file " + name + " is offered by the plain HTTP backend (ota withdraw first)");
            }
            Removal.remove(data, store.removalPlan(file));
            return file;
        });
    }

    /**
     * Deletes one of a thing's own files (no campaign sends those).
     *
     * @throws IllegalArgumentException when the thing has no such file
     */
    public StoredFile deleteThingFile(String thingKey, String name) {
        return data.locked(() -> {
            Removal.finishPending(data);
            FileStore store = FileStore.thingFiles(data, thingKey, clock);
            StoredFile file = store.find(name).orElseThrow(() -> new IllegalArgumentException("NAME: thing "
                    + thingKey + " has no file named '" + name + "'"));
            Removal.remove(data, store.removalPlan(file));
            return file;
        });
    }

    private List<String> unfinished(Predicate<Campaign> uses) {
        return campaigns.all().stream().filter(uses).map(campaigns::status)
                .filter(s -> s.state().equals(CampaignStatus.DRAFT) || s.state().equals(CampaignStatus.RUNNING))
                .map(CampaignStatus::id).toList();
    }
}

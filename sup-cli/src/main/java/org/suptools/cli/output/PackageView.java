package org.suptools.cli.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.suptools.cli.packages.ArchiveEntry;
import org.suptools.cli.packages.OpenedPackage;
import org.suptools.cli.packages.SignatureStatus;
import org.suptools.model.action.Action;
import org.suptools.model.archive.ArchiveOptions;
import org.suptools.model.archive.ChunkIndex;
import org.suptools.model.manifest.Manifest;
import org.suptools.model.manifest.PayloadFile;
import org.suptools.model.signing.PackageSignature;
import org.suptools.model.signing.TrustStore;

/** The human view of a package that {@code sup inspect} and {@code sup demo} print. */
public final class PackageView {

    private static final String INDENT = "  ";

    private final PrintWriter out;

    public PackageView(PrintWriter out) {
        this.out = out;
    }

    public void print(OpenedPackage opened, List<ArchiveEntry> entries, long size, String sha256,
            Optional<TrustStore> trust) {
        Manifest manifest = opened.manifest();
        out.println(manifest.name() + " " + manifest.version());
        manifest.description().ifPresent(description -> out.println(INDENT + description));
        out.println();
        Table facts = new Table("", "");
        facts.row("file", opened.file() + " (" + size + " bytes)");
        facts.row("sha256", sha256);
        facts.row("vendor", manifest.vendor().orElse("-"));
        facts.row("created", manifest.created() + (manifest.created().equals(ArchiveOptions.DEFAULT_TIMESTAMP)
                ? " (the fixed date of a reproducible build: built without --source-date-epoch or SOURCE_DATE_EPOCH)"
                : ""));
        facts.row("expires", manifest.expires().map(Object::toString).orElse("never"));
        facts.row("targets", manifest.targets().isEmpty() ? "-"
                : manifest.targets().stream().map(Object::toString).collect(Collectors.joining(", ")));
        facts.row("requires", manifest.requires().isEmpty() ? "-" : manifest.requires().stream()
                .map(r -> r.name() + " " + r.version()).collect(Collectors.joining(", ")));
        facts.row("on failure", manifest.failurePolicy().text());
        facts.row("downgrade", manifest.allowDowngrade() ? "allowed" : "refused");
        facts.printWithoutHeader(out, INDENT);

        out.println();
        out.println("Actions (" + manifest.actions().size() + ")");
        Table actions = new Table("#", "ID", "TYPE", "WHEN", "SUMMARY");
        for (int i = 0; i < manifest.actions().size(); i++) {
            Action action = manifest.actions().get(i);
            actions.row(String.valueOf(i + 1), action.id(), action.type().typeName(),
                    action.header().when().map(w -> w.summary()).orElse("always"), action.summary());
        }
        actions.print(out, INDENT);

        out.println();
        out.println("Payloads (" + manifest.payloads().size() + ", " + manifest.payloadBytes() + " bytes)");
        Map<String, ArchiveEntry> byName = entries.stream()
                .collect(Collectors.toMap(ArchiveEntry::name, Function.identity(), (a, b) -> a));
        Table payloads = new Table("PATH", "SIZE", "STORED AS", "SHA-256");
        for (PayloadFile payload : manifest.payloads()) {
            ArchiveEntry entry = byName.get(payload.path());
            String storedAs = entry == null ? "-"
                    : entry.method().equals("stored") ? "stored" : entry.method() + " to " + entry.compressedSize();
            payloads.row(pathAndRole(payload), String.valueOf(payload.size()), storedAs, payload.sha256());
        }
        payloads.print(out, INDENT);

        out.println();
        List<PackageSignature> signatures = opened.signatures().signatures();
        out.println("Signatures (" + signatures.size() + ")" + (signatures.isEmpty() ? ": unsigned" : ""));
        if (!signatures.isEmpty()) {
            Table table = trust.isPresent() ? new Table("KEY ID", "ALGORITHM", "TRUST") : new Table("KEY ID", "ALGORITHM");
            for (PackageSignature signature : signatures) {
                if (trust.isPresent()) {
                    table.row(signature.keyId(), signature.algorithm().id(),
                            SignatureStatus.of(signature, opened.manifestBytes(), trust.get()).text());
                } else {
                    table.row(signature.keyId(), signature.algorithm().id());
                }
            }
            table.print(out, INDENT);
        }
        out.flush();
    }

    /** A chunk index is a payload no action uses: its row says whose index it is. */
    private static String pathAndRole(PayloadFile payload) {
        return ChunkIndex.payloadOf(payload.path())
                .map(indexed -> payload.path() + " (chunk index of " + indexed.substring(PayloadFile.PREFIX.length()) + ")")
                .orElse(payload.path());
    }
}

package org.suptools.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.suptools.model.InvalidPackageException;
import org.suptools.model.InvalidPackageException.Reason;

class SignatureVerifierTest {

    private static final byte[] MANIFEST = "{\"name\":\"demo\",\"version\":\"1.0.0\"}\n".getBytes(StandardCharsets.UTF_8);

    private static final KeyPair ALICE = KeyPairs.generate(KeyAlgorithm.ED25519);
    private static final KeyPair BOB = KeyPairs.generate(KeyAlgorithm.ECDSA_P256);
    private static final KeyPair MALLORY = KeyPairs.generate(KeyAlgorithm.ED25519);

    private static final String ALICE_ID = KeyId.of(ALICE.getPublic());
    private static final String BOB_ID = KeyId.of(BOB.getPublic());
    private static final String MALLORY_ID = KeyId.of(MALLORY.getPublic());

    private static final TrustStore ALICE_AND_BOB = TrustStore.of("trust/", List.of(ALICE.getPublic(), BOB.getPublic()));

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void verify_acceptsSignatureByTrustedKeyForEachAlgorithm(KeyAlgorithm algorithm) throws Exception {
        KeyPair pair = KeyPairs.generate(algorithm);
        SignatureSet signatures = SignatureSet.empty().with(Signer.sign(MANIFEST, pair.getPrivate()));

        VerifiedSigners signers = SignatureVerifier.verify(
                MANIFEST, signatures, TrustStore.of("trust/", List.of(pair.getPublic())), 1);

        assertThat(signers.trustedKeyIds()).containsExactly(KeyId.of(pair.getPublic()));
        assertThat(signers.untrustedKeyIds()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void verify_rejectsManifestWithOneByteChanged(KeyAlgorithm algorithm) {
        KeyPair pair = KeyPairs.generate(algorithm);
        SignatureSet signatures = SignatureSet.empty().with(Signer.sign(MANIFEST, pair.getPrivate()));
        byte[] tampered = MANIFEST.clone();
        tampered[10] ^= 1;

        assertRefused(() -> SignatureVerifier.verify(
                        tampered, signatures, TrustStore.of("trust/", List.of(pair.getPublic())), 1),
                Reason.BAD_SIGNATURE)
                .hasMessage("signature by trusted key " + KeyId.of(pair.getPublic()) + " does not verify:"
                        + " the manifest was changed after signing or the signature is corrupt");
    }

    @Test
    void verify_rejectsSignatureByUntrustedKey() {
        SignatureSet signatures = SignatureSet.empty().with(Signer.sign(MANIFEST, MALLORY.getPrivate()));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 1), Reason.UNTRUSTED_SIGNER)
                .hasMessage("signed by key(s) " + MALLORY_ID + ", none of which is in the trust store trust/");
    }

    @Test
    void verify_rejectsEverySignatureWhenTheTrustStoreIsEmpty() {
        SignatureSet signatures = SignatureSet.empty().with(Signer.sign(MANIFEST, ALICE.getPrivate()));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, TrustStore.of("empty/", List.of()), 1),
                Reason.UNTRUSTED_SIGNER)
                .hasMessage("signed by key(s) " + ALICE_ID + ", none of which is in the trust store empty/"
                        + " (it holds no keys)");
    }

    @Test
    void verify_rejectsUnsignedPackage() {
        assertRefused(() -> SignatureVerifier.verify(MANIFEST, SignatureSet.empty(), ALICE_AND_BOB, 1), Reason.UNSIGNED)
                .hasMessage("the package is not signed");
    }

    @Test
    void verify_acceptsThresholdTwoWithTwoTrustedSigners() throws Exception {
        SignatureSet signatures = SignatureSet.empty()
                .with(Signer.sign(MANIFEST, ALICE.getPrivate()))
                .with(Signer.sign(MANIFEST, BOB.getPrivate()));

        VerifiedSigners signers = SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 2);

        assertThat(signers.trustedKeyIds()).containsExactlyInAnyOrder(ALICE_ID, BOB_ID);
    }

    @Test
    void verify_rejectsThresholdTwoWithOneTrustedSigner() {
        SignatureSet signatures = SignatureSet.empty().with(Signer.sign(MANIFEST, ALICE.getPrivate()));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 2), Reason.THRESHOLD_NOT_MET)
                .hasMessage("2 trusted signatures required, found 1 (" + ALICE_ID + ")");
    }

    @Test
    void verify_thresholdCountsOnlyTrustedSigners() {
        SignatureSet signatures = SignatureSet.empty()
                .with(Signer.sign(MANIFEST, ALICE.getPrivate()))
                .with(Signer.sign(MANIFEST, MALLORY.getPrivate()));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 2), Reason.THRESHOLD_NOT_MET)
                .hasMessage("2 trusted signatures required, found 1 (" + ALICE_ID + ");"
                        + " also signed by untrusted key(s) " + MALLORY_ID);
    }

    @Test
    void verify_sameKeySigningTwiceCountsOnce() {
        // ECDSA signatures are randomised, so the second one really is a different signature.
        PackageSignature first = Signer.sign(MANIFEST, BOB.getPrivate());
        PackageSignature second = Signer.sign(MANIFEST, BOB.getPrivate());
        assertThat(second.value()).isNotEqualTo(first.value());
        SignatureSet signatures = SignatureSet.empty().with(first).with(second);

        assertThat(signatures.signatures()).containsExactly(second);
        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 2), Reason.THRESHOLD_NOT_MET)
                .hasMessage("2 trusted signatures required, found 1 (" + BOB_ID + ")");
    }

    @Test
    void verify_sameKeyTrustedInTwoFileFormsCountsOnce() throws Exception {
        TrustStore trust = TrustStore.of("trust/",
                List.of(Fixtures.publicKey("rsa-pkcs1.pub"), Fixtures.publicKey("rsa-pkcs1.rsapub.pem")));
        SignatureSet signatures = SignatureSet.empty().with(Signer.sign(MANIFEST, Fixtures.privateKey("rsa-pkcs1.key")));

        assertThat(trust.keyIds()).hasSize(1);
        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, trust, 2), Reason.THRESHOLD_NOT_MET);
    }

    @Test
    void verify_badSignatureIsFatalEvenWhenOthersMeetTheThreshold() {
        byte[] otherManifest = "{\"name\":\"other\"}\n".getBytes(StandardCharsets.UTF_8);
        SignatureSet signatures = SignatureSet.empty()
                .with(Signer.sign(MANIFEST, ALICE.getPrivate()))
                .with(Signer.sign(otherManifest, BOB.getPrivate()));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 1), Reason.BAD_SIGNATURE)
                .hasMessageContaining(BOB_ID);
    }

    @Test
    void verify_rejectsSignatureClaimingAnotherAlgorithmThanTheTrustedKey() {
        PackageSignature real = Signer.sign(MANIFEST, ALICE.getPrivate());
        SignatureSet signatures = SignatureSet.empty()
                .with(new PackageSignature(real.keyId(), KeyAlgorithm.ECDSA_P256, real.value()));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 1), Reason.BAD_SIGNATURE)
                .hasMessage("signature by trusted key " + ALICE_ID + " claims algorithm ecdsa-p256"
                        + " but the trusted key is ed25519");
    }

    @Test
    void verify_rejectsSignatureRelabelledWithAnotherTrustedKeyId() {
        PackageSignature byBob = Signer.sign(MANIFEST, BOB.getPrivate());
        KeyPair carol = KeyPairs.generate(KeyAlgorithm.ECDSA_P256);
        TrustStore trust = TrustStore.of("trust/", List.of(carol.getPublic()));
        SignatureSet signatures = SignatureSet.empty()
                .with(new PackageSignature(KeyId.of(carol.getPublic()), byBob.algorithm(), byBob.value()));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, trust, 1), Reason.BAD_SIGNATURE);
    }

    @Test
    void verify_rejectsSignatureValueThatIsNotEvenWellFormed() {
        SignatureSet signatures = SignatureSet.empty()
                .with(PackageSignature.of(BOB_ID, KeyAlgorithm.ECDSA_P256, new byte[] {1, 2, 3}));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 1), Reason.BAD_SIGNATURE)
                .hasMessageContaining(BOB_ID);
    }

    @Test
    void verify_reportsUntrustedSignersBesideTrustedOnes() throws Exception {
        SignatureSet signatures = SignatureSet.empty()
                .with(Signer.sign(MANIFEST, ALICE.getPrivate()))
                .with(Signer.sign(MANIFEST, MALLORY.getPrivate()));

        VerifiedSigners signers = SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 1);

        assertThat(signers.trustedKeyIds()).containsExactly(ALICE_ID);
        assertThat(signers.untrustedKeyIds()).containsExactly(MALLORY_ID);
    }

    @Test
    void verify_rejectsThresholdBelowOne() {
        SignatureSet signatures = SignatureSet.empty().with(Signer.sign(MANIFEST, ALICE.getPrivate()));

        assertThatThrownBy(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold: must be at least 1, was 0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ed25519, ed25519.pub, message.json.ed25519.sig",
        "ecdsa-p256, ec-sec1.pub, message.json.ecdsa-p256.sig",
        "rsa-pss, rsa-pkcs8.pub, message.json.rsa-pss.sig",
    })
    void verify_acceptsSignatureMadeByOpenSsl(String algorithm, String publicKeyFile, String signatureFile)
            throws Exception {
        TrustStore trust = TrustStore.load(Fixtures.path(publicKeyFile));
        String keyId = KeyId.of(Fixtures.publicKey(publicKeyFile));
        KeyAlgorithm keyAlgorithm = KeyAlgorithm.fromName(algorithm);
        byte[] signature = Fixtures.bytes(signatureFile);
        if (keyAlgorithm == KeyAlgorithm.ECDSA_P256) {
            signature = EcdsaSignatures.derToP1363(signature);
        }
        SignatureSet signatures = SignatureSet.empty().with(PackageSignature.of(keyId, keyAlgorithm, signature));

        VerifiedSigners signers = SignatureVerifier.verify(Fixtures.bytes("message.json"), signatures, trust, 1);

        assertThat(signers.trustedKeyIds()).containsExactly(keyId);
    }

    @Test
    void verify_rejectsOpenSslSignatureOverAnotherMessage() throws Exception {
        TrustStore trust = TrustStore.load(Fixtures.path("ed25519.pub"));
        SignatureSet signatures = SignatureSet.empty().with(PackageSignature.of(
                KeyId.of(Fixtures.publicKey("ed25519.pub")), KeyAlgorithm.ED25519,
                Fixtures.bytes("message.json.ed25519.sig")));
        byte[] changed = Fixtures.bytes("message.json");
        changed[changed.length - 1] = ' ';

        assertRefused(() -> SignatureVerifier.verify(changed, signatures, trust, 1), Reason.BAD_SIGNATURE);
    }

    @Test
    void verify_messagesAreSingleLines() {
        SignatureSet signatures = SignatureSet.empty()
                .with(Signer.sign(MANIFEST, MALLORY.getPrivate()))
                .with(Signer.sign(MANIFEST, KeyPairs.generate(KeyAlgorithm.ED25519).getPrivate()));

        assertRefused(() -> SignatureVerifier.verify(MANIFEST, signatures, ALICE_AND_BOB, 1), Reason.UNTRUSTED_SIGNER)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(MALLORY_ID));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Executable call, Reason reason) {
        return assertThatThrownBy(call::execute)
                .isInstanceOfSatisfying(InvalidPackageException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

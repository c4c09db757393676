package org.suptools.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.suptools.cli.support.Keys;
import org.suptools.cli.support.Projects;
import org.suptools.cli.support.Sup;
import org.suptools.cli.support.Sup.Result;
import org.suptools.cli.support.Tamper;

class SignCommandTest {

    @TempDir
    Path temp;

    private Path first;
    private Path second;
    private Path signedOnce;

    @BeforeEach
    void buildSignedOnce() {
        first = Keys.ed25519(temp.resolve("keys"), "first");
        second = Keys.ed25519(temp.resolve("keys"), "second");
        signedOnce = temp.resolve("once.sup");
        Result built = Sup.run("build", Projects.SAMPLE, "-o", signedOnce, "--key", Keys.privateKey(first), "-q");
        assertThat(built.exitCode()).as(built.toString()).isZero();
    }

    @Test
    void sign_addsASecondSignature_soThresholdTwoPasses() {
        Path twice = temp.resolve("twice.sup");

        Result before = Sup.run("verify", signedOnce, "--trust", temp.resolve("keys"), "--threshold", "2");
        Result signed = Sup.run("sign", signedOnce, "--key", Keys.privateKey(second), "-o", twice);
        Result after = Sup.run("verify", twice, "--trust", temp.resolve("keys"), "--threshold", "2");

        assertThat(before.exitCode()).isEqualTo(3);
        assertThat(before.err()).contains("2 trusted signatures required");
        assertThat(signed.exitCode()).as(signed.toString()).isZero();
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).contains("signed by trusted keys");
    }

    @Test
    void sign_isReproducible() {
        Path a = temp.resolve("a.sup");
        Path b = temp.resolve("b.sup");

        Sup.run("sign", signedOnce, "--key", Keys.privateKey(second), "-o", a);
        Sup.run("sign", signedOnce, "--key", Keys.privateKey(second), "-o", b);

        assertThat(Tamper.bytes(b)).isEqualTo(Tamper.bytes(a));
    }

    @Test
    void signingLater_givesTheSameBytesAsSigningAtBuildTime() {
        Path atBuild = temp.resolve("at-build.sup");
        Path later = temp.resolve("later.sup");
        Sup.run("build", Projects.SAMPLE, "-o", atBuild, "--key", Keys.privateKey(first), "--key",
                Keys.privateKey(second), "-q");

        Sup.run("sign", signedOnce, "--key", Keys.privateKey(second), "-o", later);

        assertThat(Tamper.bytes(later)).isEqualTo(Tamper.bytes(atBuild));
    }

    @Test
    void signingAgainWithTheSameKey_replacesItsSignature() {
        Path again = temp.resolve("again.sup");

        Sup.run("sign", signedOnce, "--key", Keys.privateKey(first), "-o", again);

        assertThat(Tamper.bytes(again)).isEqualTo(Tamper.bytes(signedOnce));
    }

    @Test
    void withoutOut_signsInPlace() {
        Result result = Sup.run("sign", signedOnce, "--key", Keys.privateKey(second));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Sup.run("verify", signedOnce, "--trust", Keys.publicKey(second)).exitCode()).isZero();
        assertThat(Sup.run("verify", signedOnce, "--trust", Keys.publicKey(first)).exitCode()).isZero();
    }

    @Test
    void tamperedPackage_isRefused_andLeftAsItWas() {
        Tamper.flipPayloadByte(signedOnce, "payload/logging.properties");
        byte[] tampered = Tamper.bytes(signedOnce);

        Result result = Sup.run("sign", signedOnce, "--key", Keys.privateKey(second));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("payload/logging.properties");
        assertThat(Tamper.bytes(signedOnce)).isEqualTo(tampered);
    }

    @Test
    void unsignedPackage_canBeSigned() {
        Path unsigned = temp.resolve("unsigned.sup");
        Sup.run("build", Projects.SAMPLE, "-o", unsigned, "-q");

        Sup.run("sign", unsigned, "--key", Keys.privateKey(first));

        assertThat(Tamper.bytes(unsigned)).isEqualTo(Tamper.bytes(signedOnce));
    }

    @Test
    void missingKeyOption_isAUsageError_andMissingKeyFileAnIoError() throws Exception {
        assertThat(Sup.run("sign", signedOnce).exitCode()).isEqualTo(2);
        assertThat(Sup.run("sign", signedOnce, "--key", temp.resolve("nope.key")).exitCode()).isEqualTo(5);
        assertThat(Files.exists(signedOnce)).isTrue();
    }
}

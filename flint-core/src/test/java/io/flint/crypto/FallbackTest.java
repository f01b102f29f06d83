package io.flint.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.flint.crypto.DoubleSha256NonceScanner.Path;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What happens where the fast paths are missing, observed in a fresh JVM (the choice is made
 * once per JVM): without the JNI library the Java engine signs identically after one warning,
 * and without the opened JDK package the nonce scanner hashes identically through MessageDigest.
 */
class FallbackTest {
    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void withoutTheJniLibraryTheJavaEngineTakesOverAfterOneWarning() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("secp256k1-kmp-jni-jvm-linux"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> out = probe(classpath, true);

        assertThat(out).contains("engine=java same=true", "compress=created");
        assertThat(out.stream().filter(line -> line.contains("libsecp256k1 is not available"))).hasSize(1);
        byte[] secret = Sha256.hash(new byte[] {42});
        byte[] digest = Sha256.hash(new byte[] {43});
        assertThat(out).contains("signature=" + Hex.encode(Engines.nativeEngine().sign(digest, secret)));
    }

    @Test
    void withoutTheOpenedJdkPackageTheScannerUsesMessageDigest() throws Exception {
        List<String> out = probe(System.getProperty("java.class.path"), false);

        assertThat(out).contains("engine=native same=true", "scanner=" + Path.MESSAGE_DIGEST.label());
        assertThat(out).contains("hash=" + Hex.encode(Sha256.hashTwice(new byte[80])));
        assertThat(out).anyMatch(line -> line.startsWith(
                "compress=refused: direct SHA-256 compression unavailable: java.lang.IllegalAccessException"));
        assertThat(out.stream().filter(line -> line.contains("nonce scanning uses MessageDigest"))).hasSize(1);
    }

    private static List<String> probe(String classpath, boolean openJdkPackage) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-cp", classpath));
        if (openJdkPackage) {
            command.add("--add-opens");
            command.add("java.base/sun.security.provider=ALL-UNNAMED");
        }
        command.add("-D" + Secp256k1Engines.PROPERTY + "=");
        command.add(FallbackProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}

package org.fovea.center.server;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * The center's HTTPS identity. A center in production is given its key store by the hospital
 * group's IT (a certificate of their CA); the demo and the tests make a self-signed one for the
 * names the center is reached by, and the sites trust exactly that certificate (its PEM file), so
 * nothing is ever sent to an unverified peer.
 */
public final class Tls {

    private Tls() {
    }

    /**
     * Writes a PKCS#12 key store with a new RSA key and a self-signed certificate valid for
     * {@code names} (DNS names and IP addresses), and the certificate alone as PEM beside it
     * ({@code store} with {@code .pem} for {@code .p12}); returns the PEM's path.
     */
    public static Path selfSigned(Path store, char[] password, String... names) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            KeyPair keys = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + names[0] + ", O=Fovea remote diagnosis center");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
            GeneralName[] alt = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                alt[i] = new GeneralName(names[i].matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName,
                        names[i]);
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("center", keys.getPrivate(), password, new Certificate[] {cert});
            Files.createDirectories(store.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(store)) {
                ks.store(out, password);
            }
            Path pem = store.resolveSibling(store.getFileName().toString().replaceFirst("\\.p12$", "") + ".pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            return pem;
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IOException("a certificate for the center cannot be made: " + e.getMessage(), e);
        }
    }

    /** A TLS context that trusts the certificates of a PEM file and nothing else. */
    public static SSLContext trusting(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("center-" + i++, c);
            }
            if (i == 0) {
                throw new IOException(pem + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + " cannot be used to verify the center: " + e.getMessage(), e);
        }
    }
}

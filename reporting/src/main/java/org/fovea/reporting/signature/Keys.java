package org.fovea.reporting.signature;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Key pairs, certificates and PKCS#12 keystores with BouncyCastle: the department CA's
 * self-signed certificate, a user's certificate issued by it, and the keystores that keep their
 * private keys under a password.
 */
public final class Keys {

    static final Provider BC = provider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALIAS = "key";

    private Keys() {
    }

    private static Provider provider() {
        Provider p = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (p == null) {
            p = new BouncyCastleProvider();
            Security.addProvider(p);
        }
        return p;
    }

    /** A private key with its certificate chain (the key's certificate first). */
    public record KeyAndChain(PrivateKey key, X509Certificate[] chain) {

        public X509Certificate certificate() {
            return chain[0];
        }
    }

    public static KeyPair keyPair(Algorithm a) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(a.keyAlgorithm(), BC);
        if (a == Algorithm.SM2) {
            g.initialize(new ECGenParameterSpec("sm2p256v1"), RANDOM);
        } else {
            g.initialize(2048, RANDOM);
        }
        return g.generateKeyPair();
    }

    /** A self-signed CA certificate, valid for 10 years, that may sign certificates and nothing else. */
    public static KeyAndChain selfSignedCa(Algorithm a, String name) throws GeneralSecurityException {
        KeyPair kp = keyPair(a);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).addRDN(BCStyle.OU, "Fovea")
                .build();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(subject, subject, kp, Duration.ofDays(3653))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate cert = sign(b, a, kp.getPrivate());
            return new KeyAndChain(kp.getPrivate(), new X509Certificate[] {cert});
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make the CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A user's signing certificate from the CA, valid for 3 years: their name (CN) and login
     * (UID), for digital signatures and non-repudiation (and S/MIME's purpose, which OpenSSL's CMS
     * verification checks by default).
     */
    public static KeyAndChain issue(KeyAndChain ca, Algorithm a, String login, String displayName)
            throws GeneralSecurityException {
        KeyPair kp = keyPair(a);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, displayName)
                .addRDN(BCStyle.UID, login).addRDN(BCStyle.OU, "Fovea").build();
        try {
            // the issuer name exactly as the CA's certificate encodes it, or chains would not match
            X500Name issuer = new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(ca.certificate()).getSubject();
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(issuer, subject, kp, Duration.ofDays(1096))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(ca.certificate()))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate cert = sign(b, a, ca.key());
            return new KeyAndChain(kp.getPrivate(), new X509Certificate[] {cert, ca.certificate()});
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue a certificate for " + login + ": " + e.getMessage(), e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair kp, Duration valid) {
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now),
                Date.from(now.plus(valid)), subject, kp.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, Algorithm signerAlgorithm, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        // the issuer's key decides the algorithm: an SM2 CA signs with SM3withSM2 whatever the subject's key
        String alg = issuerKey.getAlgorithm().equals("RSA") ? Algorithm.RSA.signature() : Algorithm.SM2.signature();
        return new JcaX509CertificateConverter().setProvider(BC)
                .getCertificate(b.build(new JcaContentSignerBuilder(alg).setProvider(BC).build(issuerKey)));
    }

    /** A PKCS#12 keystore of a key and its chain, under a password. */
    public static byte[] keystore(KeyAndChain k, char[] password) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12", BC);
            ks.load(null, null);
            // fresh copies: BouncyCastle's certificate objects keep the PKCS#12 bag attributes (local key
            // id) of the last keystore they were stored in, and a CA certificate carrying its own key's id
            // into a user's keystore made that keystore open as the CA's
            X509Certificate[] chain = new X509Certificate[k.chain().length];
            for (int i = 0; i < chain.length; i++) {
                chain[i] = certificate(k.chain()[i].getEncoded());
            }
            ks.setKeyEntry(ALIAS, k.key(), password, chain);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot write a keystore: " + e.getMessage(), e);
        }
    }

    /**
     * The key and chain of a PKCS#12 keystore (ours, or one the hospital's CA issued: its first
     * key entry).
     *
     * @throws GeneralSecurityException when the password is wrong or the file holds no key
     */
    public static KeyAndChain open(byte[] pkcs12, char[] password) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12", BC);
            ks.load(new ByteArrayInputStream(pkcs12), password);
            for (String alias : java.util.Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    return new KeyAndChain((PrivateKey) ks.getKey(alias, password),
                            ordered((X509Certificate) ks.getCertificate(alias), ks.getCertificateChain(alias)));
                }
            }
            throw new GeneralSecurityException("the keystore holds no private key");
        } catch (IOException e) {
            throw new GeneralSecurityException("wrong password, or not a PKCS#12 keystore", e);
        }
    }

    /**
     * The key's own certificate first, then each issuer: a PKCS#12 file from another CA need not
     * keep that order, and a CMS signer is named by the first certificate.
     */
    private static X509Certificate[] ordered(X509Certificate own, Certificate[] chain) {
        java.util.List<X509Certificate> rest = new java.util.ArrayList<>();
        for (Certificate c : chain == null ? new Certificate[0] : chain) {
            if (!c.equals(own)) {
                rest.add((X509Certificate) c);
            }
        }
        java.util.List<X509Certificate> out = new java.util.ArrayList<>(java.util.List.of(own));
        X509Certificate current = own;
        while (!rest.isEmpty()) {
            X509Certificate cur = current;
            X509Certificate next = rest.stream().filter(c -> c.getSubjectX500Principal().equals(cur.getIssuerX500Principal()))
                    .findFirst().orElse(rest.get(0));
            out.add(next);
            rest.remove(next);
            current = next;
        }
        return out.toArray(X509Certificate[]::new);
    }

    public static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509", BC).generateCertificate(new ByteArrayInputStream(der));
    }

    /** The certificates of a PEM text, in order. */
    public static java.util.List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        java.util.List<X509Certificate> out = new java.util.ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509", BC)
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    /** A certificate as PEM, as OpenSSL reads it. */
    public static String pem(X509Certificate c) throws GeneralSecurityException {
        String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }
}

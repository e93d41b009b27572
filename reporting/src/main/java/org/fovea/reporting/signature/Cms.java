package org.fovea.reporting.signature;

import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Detached CMS (PKCS#7) SignedData with BouncyCastle: the signer's certificate chain inside, the
 * signing time among the signed attributes, DER-encoded — what {@code openssl cms -verify} reads.
 */
public final class Cms {

    private Cms() {
    }

    /** What checking a signature found. */
    public record Check(boolean valid, String signerName, String signerLogin, Instant signingTime, String problem,
                        X509Certificate[] chain) {
    }

    public static byte[] sign(byte[] content, Keys.KeyAndChain k) throws GeneralSecurityException {
        try {
            String alg = k.key().getAlgorithm().equals("RSA") ? Algorithm.RSA.signature() : Algorithm.SM2.signature();
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Keys.BC).build())
                    .build(new JcaContentSignerBuilder(alg).setProvider(Keys.BC).build(k.key()), k.certificate()));
            gen.addCertificates(new JcaCertStore(List.of(k.chain())));
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded("DER");
        } catch (CMSException | OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot sign: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a detached signature over {@code content}: the signature itself, and that its signer's
     * certificate was issued by one of {@code trusted} (directly, or through an intermediate
     * carried in the signature) and was valid at the signing time.
     */
    @SuppressWarnings("unchecked")
    public static Check verify(byte[] content, byte[] cms, Collection<X509Certificate> trusted) {
        try {
            CMSSignedData sd = new CMSSignedData(new CMSProcessableByteArray(content), cms);
            SignerInformation si = sd.getSignerInfos().getSigners().iterator().next();
            Store<X509CertificateHolder> certs = sd.getCertificates();
            Collection<X509CertificateHolder> match = certs.getMatches(si.getSID());
            if (match.isEmpty()) {
                return failed("the signature carries no signer certificate");
            }
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter().setProvider(Keys.BC);
            X509Certificate signer = conv.getCertificate(match.iterator().next());
            X509Certificate[] chain = certs.getMatches(null).stream().map(h -> {
                try {
                    return conv.getCertificate(h);
                } catch (java.security.cert.CertificateException e) {
                    throw new IllegalStateException(e);
                }
            }).toArray(X509Certificate[]::new);
            Instant time = signingTime(si);
            String name = rdn(signer, BCStyle.CN);
            String login = rdn(signer, BCStyle.UID);
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Keys.BC).build(signer))) {
                return new Check(false, name, login, time, "the signature does not match the content", chain);
            }
            String chainProblem = chainProblem(signer, chain, trusted, time);
            return new Check(chainProblem == null, name, login, time, chainProblem, chain);
        } catch (CMSException e) {
            // a digest mismatch is reported by BouncyCastle as an exception, not as false
            return failed("the signature does not match the content (" + e.getMessage() + ")");
        } catch (GeneralSecurityException | OperatorCreationException | RuntimeException e) {
            return failed("the signature cannot be read: " + e.getMessage());
        }
    }

    private static Check failed(String why) {
        return new Check(false, "", "", null, why, new X509Certificate[0]);
    }

    private static String chainProblem(X509Certificate signer, X509Certificate[] carried,
                                       Collection<X509Certificate> trusted, Instant at) {
        X509Certificate current = signer;
        for (int hops = 0; hops < 5; hops++) {
            try {
                current.checkValidity(java.util.Date.from(at == null ? Instant.now() : at));
            } catch (GeneralSecurityException e) {
                return "the certificate of " + current.getSubjectX500Principal().getName()
                        + " was not valid at the signing time";
            }
            for (X509Certificate t : trusted) {
                if (issuedBy(current, t)) {
                    return null;
                }
            }
            X509Certificate next = null;
            for (X509Certificate c : carried) {
                if (c != current && issuedBy(current, c) && !c.equals(current)) {
                    next = c;
                }
            }
            if (next == null) {
                return "the signer's certificate (" + signer.getSubjectX500Principal().getName()
                        + ") was not issued by the department's CA or a CA it trusts";
            }
            current = next;
        }
        return "the certificate chain is too long";
    }

    private static boolean issuedBy(X509Certificate c, X509Certificate issuer) {
        if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(issuer.getPublicKey(), Keys.BC);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Instant signingTime(SignerInformation si) {
        if (si.getSignedAttributes() == null) {
            return null;
        }
        Attribute a = si.getSignedAttributes().get(CMSAttributes.signingTime);
        return a == null ? null : Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
    }

    private static String rdn(X509Certificate c, org.bouncycastle.asn1.ASN1ObjectIdentifier oid) {
        X500Name subject;
        try {
            subject = new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(c).getSubject();
        } catch (java.security.cert.CertificateEncodingException e) {
            return "";
        }
        RDN[] rdns = subject.getRDNs(oid);
        return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
    }
}

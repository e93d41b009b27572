package org.fovea.reporting.signature;

/**
 * The signature algorithms (P3): SHA256withRSA with 2048-bit keys, and SM2 with SM3 on the
 * sm2p256v1 curve (GB/T 32918, the Chinese national standard), both by BouncyCastle.
 */
public enum Algorithm {
    RSA("RSA", "SHA256withRSA"),
    SM2("EC", "SM3withSM2");

    private final String keyAlgorithm;
    private final String signature;

    Algorithm(String keyAlgorithm, String signature) {
        this.keyAlgorithm = keyAlgorithm;
        this.signature = signature;
    }

    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The JCA name of the signature, as BouncyCastle's CMS and certificate builders take it. */
    public String signature() {
        return signature;
    }

    public static Algorithm parse(String text) {
        for (Algorithm a : values()) {
            if (a.name().equalsIgnoreCase(text.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("No signature algorithm \"" + text + "\": RSA or SM2");
    }
}

package org.fovea.registration;

/**
 * A patient as registration knows them.
 *
 * @param name      as the HIS wrote it (王^建国) or the DICOM form (WANG^JIANGUO=王^建国)
 * @param birthDate YYYYMMDD, or empty
 */
public record Patient(String patientId, String name, String sex, String birthDate, String phone, String allergies,
                      String address) {

    public Patient {
        sex = sex == null ? "" : sex;
        birthDate = birthDate == null ? "" : birthDate;
        phone = phone == null ? "" : phone;
        allergies = allergies == null ? "" : allergies;
        address = address == null ? "" : address;
    }
}

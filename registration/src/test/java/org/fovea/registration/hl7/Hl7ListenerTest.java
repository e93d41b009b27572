package org.fovea.registration.hl7;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import org.fovea.registration.Order;
import org.fovea.registration.Patient;
import org.fovea.registration.Registrations;
import org.fovea.reporting.ReportingDatabase;
import org.fovea.testsupport.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HIS talking to the HL7 listener over MLLP, with HAPI as the HIS, on the embedded H2 and on
 * PostgreSQL: a patient registered (UTF-8, Chinese name, allergies), orders in GB18030 (ORM^O01,
 * v2.3) and UTF-8 (OMI^O23, v2.5.1) each given an accession number, an order sent again stored once,
 * a cancellation, a message without its patient ID refused with AE naming PID-3 and nothing
 * stored, a message of another type refused with AR.
 */
class Hl7ListenerTest {

    private static final String ADT_A04 = String.join("\r",
            "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204101500||ADT^A04^ADT_A01|MSG0001|P|2.5.1|||||CHN|UNICODE UTF-8",
            "EVN|A04|20261204101500",
            "PID|1||P0001^^^QSZ^MR||王^建国||19680512|M|||幸福路1号^^青山镇||13800000000",
            "AL1|1|DA|^青霉素",
            "AL1|2|DA|^碘造影剂");
    private static final String ORM_O01_GB18030 = String.join("\r",
            "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204102000||ORM^O01|MSG0002|P|2.3|||||CHN|GB 18030-2000",
            "PID|1||P0002||李^四||19800101|F|||||13900000000",
            "ORC|NW|ORD1001",
            "OBR|1|ORD1001||CT001^胸部CT平扫|||||||||咳嗽两周，发热|||^张^医生||||||||CT|||^^^^^S");
    private static final String OMI_O23 = String.join("\r",
            "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204103000||OMI^O23^OMI_O23|MSG0003|P|2.5.1|||||CHN|UNICODE UTF-8",
            "PID|1||P0001^^^QSZ^MR||王^建国||19680512|M",
            "ORC|NW|ORD1002",
            "TQ1|1||||||||R",
            "OBR|1|ORD1002||MR010^头颅MR平扫|||||||||头痛三天|||^李^医生||||||||MR",
            "IPC|ACC-HIS-9|RP1|1.2.3|SPS1|MR");
    private static final String ORM_CANCEL = String.join("\r",
            "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204104000||ORM^O01|MSG0004|P|2.3|||||CHN|UNICODE UTF-8",
            "PID|1||P0002||李^四",
            "ORC|CA|ORD1001",
            "OBR|1|ORD1001||CT001^胸部CT平扫");
    private static final String ORM_NO_PATIENT_ID = String.join("\r",
            "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204105000||ORM^O01|MSG0005|P|2.3|||||CHN|UNICODE UTF-8",
            "PID|1||||赵^六",
            "ORC|NW|ORD1003",
            "OBR|1|ORD1003||DX001^胸部正位");
    /** One order, two body parts: two ORDER groups, each its own OBR (and placer number in OBR-2). */
    private static final String ORM_TWO_PARTS = String.join("\r",
            "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204107000||ORM^O01|MSG0007|P|2.3|||||CHN|UNICODE UTF-8",
            "PID|1||P0003||孙^丽||19900202|F",
            "ORC|NW|ORD2000",
            "OBR|1|ORD2000-1||CT002^头颅CT平扫|||||||||车祸外伤|||^王^医生||||||||CT",
            "ORC|NW|ORD2000",
            "OBR|2|ORD2000-2||CT003^颈椎CT平扫|||||||||车祸外伤|||^王^医生||||||||CT|||^^^^^S");
    private static final String OMI_TWO_PARTS = String.join("\r",
            "MSH|^~\\&|HIS|QSZ|FOVEA|RAD|20261204108000||OMI^O23^OMI_O23|MSG0008|P|2.5.1|||||CHN|UNICODE UTF-8",
            "PID|1||P0004||钱^七||19700707|M",
            "ORC|NW|ORD3001",
            "TQ1|1||||||||S",
            "OBR|1|ORD3001||MR020^腰椎MR平扫|||||||||腰痛|||^赵^医生||||||||MR",
            "ORC|NW|ORD3002",
            "TQ1|1||||||||R",
            "OBR|1|ORD3002||DX002^腰椎正侧位|||||||||腰痛|||^赵^医生||||||||DX");
    private static final String ORU = String.join("\r",
            "MSH|^~\\&|LIS|QSZ|FOVEA|RAD|20261204106000||ORU^R01|MSG0006|P|2.5.1",
            "PID|1||P0001||王^建国");

    @TempDir
    Path dir;

    @Test
    void theHisRegistersPatientsAndOrdersOnTheEmbeddedDatabase() throws Exception {
        try (ReportingDatabase db = ReportingDatabase.embedded(dir)) {
            exchange(Registrations.open(db.dataSource()));
        }
    }

    @Test
    void theHisRegistersPatientsAndOrdersOnPostgreSql() throws Exception {
        try (Postgres pg = Postgres.start();
             ReportingDatabase db = ReportingDatabase.open(pg.createDatabase("department"), pg.user(), pg.password())) {
            exchange(Registrations.open(db.dataSource()));
        }
    }

    private void exchange(Registrations registrations) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Hl7Listener listener = Hl7Listener.start(registrations, port); HapiContext his = his()) {
            Connection link = his.newClient("127.0.0.1", port, false);
            try {
                assertThat(ack(send(his, link, ADT_A04))).isEqualTo("AA");
                Patient wang = registrations.patient("P0001").orElseThrow();
                assertThat(wang.name()).isEqualTo("王^建国");
                assertThat(wang.birthDate()).isEqualTo("19680512");
                assertThat(wang.phone()).isEqualTo("13800000000");
                assertThat(wang.allergies()).isEqualTo("青霉素；碘造影剂");
                assertThat(wang.address()).isEqualTo("幸福路1号 青山镇");

                // the bytes on the wire in GB18030, as MSH-18 says (a UTF-8 reading would garble the name)
                Message ormAck = his.getPipeParser().parse(sendRaw(port,
                        ORM_O01_GB18030.getBytes(java.nio.charset.Charset.forName("GB18030"))));
                assertThat(ack(ormAck)).isEqualTo("AA");
                assertThat(registrations.patient("P0002").orElseThrow().name()).as("decoded as GB18030").isEqualTo("李^四");
                Order ct = only(registrations.orders(), "ORD1001");
                assertThat(ct.accessionNumber()).matches("CT\\d{8}-0001");
                assertThat(ct.procedureText()).isEqualTo("胸部CT平扫");
                assertThat(ct.clinicalDiagnosis()).isEqualTo("咳嗽两周，发热");
                assertThat(ct.requestingPhysician()).isEqualTo("张医生");
                assertThat(ct.priority()).isEqualTo("EMERGENCY");
                assertThat(ct.status()).isEqualTo("ORDERED");

                // sent again (no ACK reached the HIS): the same answer, one order
                assertThat(ack(send(his, link, ORM_O01_GB18030))).isEqualTo("AA");
                assertThat(registrations.orders().stream().filter(o -> o.placerOrder().equals("ORD1001"))).hasSize(1);

                assertThat(ack(send(his, link, OMI_O23))).isEqualTo("AA");
                Order mr = only(registrations.orders(), "ORD1002");
                assertThat(mr.accessionNumber()).matches("MR\\d{8}-0001");
                assertThat(mr.modality()).isEqualTo("MR");
                assertThat(mr.patientId()).isEqualTo("P0001");
                assertThat(mr.priority()).isEqualTo("ROUTINE");

                assertThat(ack(send(his, link, ORM_CANCEL))).isEqualTo("AA");
                assertThat(only(registrations.orders(), "ORD1001").status()).isEqualTo("CANCELLED");

                Message refused = send(his, link, ORM_NO_PATIENT_ID);
                assertThat(ack(refused)).isEqualTo("AE");
                String encoded = refused.encode();
                assertThat(encoded).contains("ERR|").contains("PID^1^3").contains("patient ID (PID-3) is missing");
                assertThat(registrations.orders()).noneMatch(o -> o.placerOrder().equals("ORD1003"));
                assertThat(registrations.patient("")).isEmpty();

                // the answer is in UTF-8 (MSH-18), so a Chinese value in the error text arrives whole
                Message unknown = send(his, link, ORM_CANCEL.replace("MSG0004", "MSG0009").replace("ORD1001", "检查单9"));
                assertThat(ack(unknown)).isEqualTo("AE");
                assertThat(new ca.uhn.hl7v2.util.Terser(unknown).get("/MSH-18")).isEqualTo("UNICODE UTF-8");
                assertThat(unknown.encode()).contains("there is no order 检查单9 to cancel");

                assertThat(ack(send(his, link, ORU))).isEqualTo("AR");
                assertThat(registrations.orders()).hasSize(2);

                // several body parts in one message: each its own exam, with its own priority
                assertThat(ack(send(his, link, ORM_TWO_PARTS))).isEqualTo("AA");
                Order head = only(registrations.orders(), "ORD2000-1");
                Order neck = only(registrations.orders(), "ORD2000-2");
                assertThat(head.procedureText()).isEqualTo("头颅CT平扫");
                assertThat(neck.procedureText()).isEqualTo("颈椎CT平扫");
                assertThat(head.priority()).isEqualTo("ROUTINE");
                assertThat(neck.priority()).isEqualTo("EMERGENCY");
                assertThat(head.accessionNumber()).isNotEqualTo(neck.accessionNumber());
                assertThat(ack(send(his, link, OMI_TWO_PARTS))).isEqualTo("AA");
                assertThat(only(registrations.orders(), "ORD3001").priority()).isEqualTo("EMERGENCY");
                Order spine = only(registrations.orders(), "ORD3002");
                assertThat(spine.modality()).isEqualTo("DX");
                assertThat(spine.priority()).isEqualTo("ROUTINE");
                assertThat(spine.patientId()).isEqualTo("P0004");
                assertThat(registrations.orders()).hasSize(6);

                // the HIS changes its MR order (XO): the exam takes the new procedure and priority, logged as the HIS's
                String xo = OMI_O23.replace("MSG0003", "MSG0010").replace("ORC|NW|ORD1002", "ORC|XO|ORD1002")
                        .replace("TQ1|1||||||||R", "TQ1|1||||||||S").replace("MR010^头颅MR平扫", "MR011^头颅MR增强");
                assertThat(ack(send(his, link, xo))).isEqualTo("AA");
                Order changed = only(registrations.orders(), "ORD1002");
                assertThat(changed.accessionNumber()).isEqualTo(mr.accessionNumber());
                assertThat(changed.procedureText()).isEqualTo("头颅MR增强");
                assertThat(changed.priority()).isEqualTo("EMERGENCY");
                assertThat(new org.fovea.registration.OrderChanges(registrations, java.time.Clock.systemUTC())
                        .history(mr.accessionNumber())).extracting(c -> c.field().typed() + " " + c.changedBy())
                        .containsExactlyInAnyOrder("procedure HIS", "priority HIS");
                // a cancelled order is not changed by an XO: AE naming the exam
                Message late = send(his, link, ORM_O01_GB18030.replace("MSG0002", "MSG0011").replace("ORC|NW", "ORC|XO")
                        .replace("CT001^胸部CT平扫", "CT002^胸部CT增强"));
                assertThat(ack(late)).isEqualTo("AE");
                assertThat(late.encode()).contains("is cancelled");
                assertThat(only(registrations.orders(), "ORD1001").procedureText()).isEqualTo("胸部CT平扫");
            } finally {
                link.close();
            }
        }
    }

    private static HapiContext his() {
        return HapiContexts.create(null);
    }

    private static Message send(HapiContext his, Connection link, String text) throws Exception {
        return link.getInitiator().sendAndReceive(his.getPipeParser().parse(text));
    }

    /** One MLLP frame written as bytes, the answer's frame read back (as UTF-8: the ACK is ASCII here). */
    private static String sendRaw(int port, byte[] message) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            java.io.OutputStream out = s.getOutputStream();
            out.write(0x0B);
            out.write(message);
            out.write(new byte[] {0x1C, 0x0D});
            out.flush();
            java.io.InputStream in = s.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != 0x1C) {
                if (b != 0x0B) {
                    answer.write(b);
                }
            }
            return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String ack(Message m) throws Exception {
        return new Terser(m).get("/MSA-1");
    }

    private static Order only(List<Order> orders, String placer) {
        return orders.stream().filter(o -> o.placerOrder().equals(placer)).findFirst().orElseThrow();
    }
}

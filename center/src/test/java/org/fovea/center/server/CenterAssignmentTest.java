package org.fovea.center.server;

import org.fovea.center.CenterRequest;
import org.fovea.center.NewRequest;
import org.fovea.center.RequestEvent;
import org.fovea.center.RequestState;
import org.fovea.center.Role;
import org.fovea.center.Urgency;
import org.fovea.center.client.CenterClient;
import org.fovea.center.client.CenterException;
import org.fovea.center.CenterFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Assignment (D3) on a real PostgreSQL through two center instances: chest CTs to the chest group
 * by load, urgent ones only to its senior expert, MRs to the neuro group in turn; a request no
 * rule covers waits for a coordinator, who assigns and reassigns it; an expert releases what they
 * cannot read and another of the group claims it; cancellations need a reason and the right
 * role; twenty requests completing at once through both instances end up shared evenly. A
 * difficult case is forwarded to another group for consultation (D4), whose experts see it and
 * give their opinions while it is open.
 */
class CenterAssignmentTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static CenterFixture fixture;
    private static CenterServer one;
    private static CenterServer two;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        fixture = CenterFixture.start(dir, false, 0, 0);
        one = fixture.center();
        two = fixture.startInstance();
        Accounts a = fixture.accounts();
        a.addHospital("CENTER", "儿童医院远程影像诊断中心", true);
        a.addHospital("TOWN-A", "青山镇卫生院", false);
        a.addAccount("TOWN-A", "doctor.a", "李医生", Role.DOCTOR, "", "doctor-pass".toCharArray());
        a.addAccount("CENTER", "coordinator", "张协调", Role.COORDINATOR, "", "coord-pass".toCharArray());
        for (String e : List.of("chest1", "chest2", "neuro1", "neuro2", "lung1", "lung2", "abdomen1", "abdomen2",
                "cardiac1", "cardiac2")) {
            a.addAccount("CENTER", e, e, Role.EXPERT, e.replaceAll("[0-9]", ""), (e + "-pass").toCharArray());
        }
        Assignments rules = fixture.assignments();
        rules.setLevel("chest2", 3);
        rules.addRule(10, "CT", "CHEST", "chest", Assignments.Strategy.LEAST_LOADED, 2);
        rules.addRule(20, "MR", "", "neuro", Assignments.Strategy.ROUND_ROBIN, 1);
        // each test its own group, so that what one test assigned does not weigh on another's choices
        rules.addRule(30, "CT", "LUNG", "lung", Assignments.Strategy.LEAST_LOADED, 1);
        rules.addRule(40, "CT", "ABDOMEN", "abdomen", Assignments.Strategy.LEAST_LOADED, 1);
        rules.addRule(50, "CT", "HEART", "cardiac", Assignments.Strategy.LEAST_LOADED, 1);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static CenterClient as(CenterServer s, String login) throws Exception {
        return fixture.client(s, login, login.equals("doctor.a") ? "doctor-pass" : login.equals("coordinator")
                ? "coord-pass" : login + "-pass");
    }

    /** A request with no images to follow: received complete at once, and assigned by the rules. */
    private static CenterRequest submit(CenterClient doctor, String modality, String bodyPart, Urgency urgency)
            throws CenterException {
        return doctor.create(new NewRequest("A-" + IDS.incrementAndGet() + "-" + UUID.randomUUID(), "P" + IDS.get(),
                "患者" + IDS.get(), "F", "", "1.2.3." + IDS.get(), "", modality, bodyPart, "", "", "会诊", urgency, 0));
    }

    @Test
    void chestCtsGoByLoadUrgentOnesToTheSeniorAndMrsInTurn() throws Exception {
        CenterClient doctor = as(one, "doctor.a");
        List<String> chest = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chest.add(submit(doctor, "CT", "CHEST", Urgency.ROUTINE).assignedTo());
        }
        assertThat(chest).containsExactly("chest1", "chest2", "chest1");
        CenterRequest urgent = submit(doctor, "CT", "CHEST", Urgency.URGENT);
        assertThat(urgent.assignedTo()).as("level 2 or above").isEqualTo("chest2");
        assertThat(urgent.state()).isEqualTo(RequestState.ASSIGNED);
        assertThat(urgent.expertGroup()).isEqualTo("chest");
        List<String> mr = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mr.add(submit(doctor, "MR", "BRAIN", Urgency.ROUTINE).assignedTo());
        }
        assertThat(mr).containsExactly("neuro1", "neuro2", "neuro1");
        assertThat(as(two, "neuro2").requests()).extracting(CenterRequest::assignedTo).containsOnly("neuro2");
    }

    @Test
    void aCoordinatorAssignsWhatNoRuleCoversAndExpertsReleaseAndClaim() throws Exception {
        CenterClient doctor = as(one, "doctor.a");
        CenterRequest dx = submit(doctor, "DX", "CHEST", Urgency.ROUTINE);
        assertThat(dx.state()).isEqualTo(RequestState.RECEIVED);
        assertThat(dx.assignedTo()).isNull();
        CenterClient coordinator = as(two, "coordinator");
        assertThat(coordinator.assign(dx.id(), "lung1").assignedTo()).isEqualTo("lung1");
        assertThat(coordinator.assign(dx.id(), "lung2").assignedTo()).isEqualTo("lung2");
        assertThatThrownBy(() -> coordinator.assign(dx.id(), "doctor.a"))
                .isInstanceOfSatisfying(CenterException.class, e -> assertThat(e.status()).isEqualTo(400));
        List<String> trace = coordinator.events(dx.id()).stream().map(RequestEvent::what).toList();
        assertThat(trace).containsSubsequence("CREATED", "UNASSIGNED", "ASSIGNED", "REASSIGNED");

        // its expert cannot read this one: back to the lung group's queue, where the other sees and claims it
        CenterRequest ct = submit(doctor, "CT", "LUNG", Urgency.ROUTINE);
        CenterClient first = as(one, ct.assignedTo());
        CenterRequest released = first.release(ct.id(), "outside my field");
        assertThat(released.state()).isEqualTo(RequestState.RECEIVED);
        assertThat(released.assignedTo()).isNull();
        String other = ct.assignedTo().equals("lung1") ? "lung2" : "lung1";
        CenterClient second = as(two, other);
        assertThat(second.requests()).extracting(CenterRequest::id).contains(ct.id());
        assertThatThrownBy(() -> as(one, "neuro1").claim(ct.id()))
                .isInstanceOfSatisfying(CenterException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(second.claim(ct.id()).assignedTo()).isEqualTo(other);
        assertThatThrownBy(() -> first.claim(ct.id())).isInstanceOfSatisfying(CenterException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("is not assigned to " + ct.assignedTo());
        });

        // cancelled by the requesting hospital, with a reason; an expert may not
        assertThatThrownBy(() -> second.cancel(ct.id(), "no"))
                .isInstanceOfSatisfying(CenterException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> doctor.cancel(ct.id(), " "))
                .isInstanceOfSatisfying(CenterException.class, e -> assertThat(e.getMessage()).contains("reason"));
        assertThat(doctor.cancel(ct.id(), "患者已转院").state()).isEqualTo(RequestState.CANCELLED);
    }

    @Test
    void twentyRequestsCompletingAtOnceThroughTwoInstancesAreSharedEvenly() throws Exception {
        Map<String, Long> before = as(one, "coordinator").requests().stream()
                .filter(r -> "abdomen".equals(r.expertGroup()) && r.state() == RequestState.ASSIGNED)
                .collect(Collectors.groupingBy(CenterRequest::assignedTo, Collectors.counting()));
        CenterClient viaOne = as(one, "doctor.a");
        CenterClient viaTwo = as(two, "doctor.a");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CenterRequest>> all = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CenterClient c = i % 2 == 0 ? viaOne : viaTwo;
                all.add(pool.submit(() -> submit(c, "CT", "ABDOMEN", Urgency.ROUTINE)));
            }
            for (Future<CenterRequest> f : all) {
                assertThat(f.get().assignedTo()).isIn("abdomen1", "abdomen2");
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Long> after = as(two, "coordinator").requests().stream()
                .filter(r -> "abdomen".equals(r.expertGroup()) && r.state() == RequestState.ASSIGNED)
                .collect(Collectors.groupingBy(CenterRequest::assignedTo, Collectors.counting()));
        long first = after.getOrDefault("abdomen1", 0L);
        long second = after.getOrDefault("abdomen2", 0L);
        assertThat(first + second).isEqualTo(before.values().stream().mapToLong(Long::longValue).sum() + 20);
        assertThat(Math.abs(first - second)).as(after.toString()).isLessThanOrEqualTo(1);
    }

    @Test
    void aCaseForwardedForConsultationIsSeenByTheGroupAskedUntilClosedWithItsThreadKept() throws Exception {
        CenterClient doctor = as(one, "doctor.a");
        CenterRequest ct = submit(doctor, "CT", "HEART", Urgency.ROUTINE);
        CenterClient reader = as(one, ct.assignedTo());
        String other = ct.assignedTo().equals("cardiac1") ? "cardiac2" : "cardiac1";
        CenterClient neuro = as(two, "neuro1");
        assertThat(status(() -> neuro.request(ct.id()))).as("not the neuro group's yet").isEqualTo(403);
        assertThat(neuro.requests()).extracting(CenterRequest::id).doesNotContain(ct.id());

        assertThat(status(() -> doctor.consult(ct.id(), "neuro", "?"))).isEqualTo(403);
        assertThat(status(() -> as(one, other).consult(ct.id(), "neuro", "?"))).isEqualTo(403);
        assertThat(status(() -> reader.consult(ct.id(), "nobody", "?"))).isEqualTo(400);
        var asked = reader.consult(ct.id(), "neuro", "心脏 CT 见颅内转移可能，请神经组会诊");
        assertThat(asked.open()).isTrue();
        assertThat(asked.group()).isEqualTo("neuro");
        assertThat(asked.askedBy()).isEqualTo(ct.assignedTo());

        assertThat(neuro.requests()).extracting(CenterRequest::id).contains(ct.id());
        assertThat(neuro.request(ct.id()).assignedTo()).as("still its reader's").isEqualTo(ct.assignedTo());
        neuro.opinion(ct.id(), asked.id(), "考虑转移瘤，建议增强 MR");
        assertThat(status(() -> as(one, other).opinion(ct.id(), asked.id(), "x"))).isEqualTo(403);
        var thread = reader.opinion(ct.id(), asked.id(), "谢谢，已建议增强 MR");
        assertThat(thread.opinions()).extracting(o -> o.login() + ": " + o.text()).containsExactly(
                "neuro1: 考虑转移瘤，建议增强 MR", ct.assignedTo() + ": 谢谢，已建议增强 MR");
        assertThat(status(() -> neuro.closeConsultation(ct.id(), asked.id()))).as("its asker closes it").isEqualTo(403);

        assertThat(reader.closeConsultation(ct.id(), asked.id()).open()).isFalse();
        assertThat(status(() -> neuro.request(ct.id()))).as("closed: no longer the neuro group's").isEqualTo(403);
        assertThat(status(() -> reader.opinion(ct.id(), asked.id(), "late"))).isEqualTo(409);
        assertThat(reader.consultations(ct.id())).singleElement().satisfies(c -> {
            assertThat(c.opinions()).hasSize(2);
            assertThat(c.closedAt()).isNotNull();
        });
        assertThat(doctor.events(ct.id())).extracting(org.fovea.center.RequestEvent::what)
                .containsSubsequence("CONSULTATION", "OPINION", "OPINION", "CONSULTATION_CLOSED");
    }

    @Test
    void anExpertSeesThePatientsEarlierRequestsFromTheSameHospital() throws Exception {
        CenterClient doctor = as(one, "doctor.a");
        java.util.function.Function<String, NewRequest> heart = id -> new NewRequest(id, "FV-PRIOR", "赵六", "M", "",
                "1.2.3.9." + IDS.incrementAndGet(), "", "CT", "HEART", "冠脉CTA", "", "复查",
                Urgency.ROUTINE, 0);
        CenterRequest first = doctor.create(heart.apply("PRIOR-1-" + UUID.randomUUID()));
        CenterRequest second = doctor.create(heart.apply("PRIOR-2-" + UUID.randomUUID()));
        List<CenterRequest> priors = as(two, second.assignedTo()).priors(second.id());
        assertThat(priors).extracting(CenterRequest::id).containsExactly(first.id());
        assertThat(as(one, "doctor.a").priors(first.id())).as("none before the first").isEmpty();
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static int status(Call call) {
        try {
            call.run();
            return 200;
        } catch (CenterException e) {
            return e.status();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

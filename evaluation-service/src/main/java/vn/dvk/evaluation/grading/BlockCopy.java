package vn.dvk.evaluation.grading;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The evaluation's copy of a commune's base mass-mobilisation block and its members, from
 * {@code vn.dvk.unit.block-composed.v1}: what grading a block or a member needs.
 */
@Document("blocks")
record BlockCopy(@Id String blockId, String unitCode, String name, List<Member> members, Instant at) {

    record Member(String id, String name, String position, String role) {
    }
}

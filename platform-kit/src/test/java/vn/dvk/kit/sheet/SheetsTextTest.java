package vn.dvk.kit.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import vn.dvk.kit.problem.FieldProblem;
import vn.dvk.kit.problem.InvalidInputException;

class SheetsTextTest {

    @Test
    void aSheetOfOrdinaryVietnameseTextPasses() {
        Sheets.refuseUnsafeText(List.of(List.of("Mã đơn vị", "Tên mô hình"), List.of("00004", "Nuôi ong\nlấy mật")));
    }

    @Test
    void aCellWithAControlOrDirectionCharacterRefusesTheFileNamingTheCell() {
        List<List<String>> rows = List.of(List.of("Mã đơn vị", "Tên mô hình"), List.of("00004", "Nuôi ong\u0000"),
                List.of("00008", "ok"), List.of("00025", "a\u202Eb"));
        assertThatThrownBy(() -> Sheets.refuseUnsafeText(rows)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldProblem::field, FieldProblem::code).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("row 2, column B", "ControlCharacter"),
                        org.assertj.core.groups.Tuple.tuple("row 4, column B", "DirectionControl")));
    }

    @Test
    void columnsAreNamedAsASpreadsheetNamesThem() {
        assertThat(List.of(Sheets.column(0), Sheets.column(25), Sheets.column(26), Sheets.column(27),
                Sheets.column(701), Sheets.column(702))).containsExactly("A", "Z", "AA", "AB", "ZZ", "AAA");
    }
}

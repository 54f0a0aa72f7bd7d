"""Write a synthetic PAR plan in markdown, in the genre of the seed plan, with N rows of work.

Like the seed (a PDF converted to markdown): a preamble, one table per printed page with the
header repeated, sections I-VII, objectives "1.k. Mục tiêu k:", tasks "2.k. Nhiệm vụ k:",
activities "3.k. Hoạt động k:", objective and task cells left empty on the rows that continue
them, and a row cut by the page break whose text goes on in a continuation row (empty STT) at
the top of the next page. Cell texts are Vietnamese, of varied length. Deterministic per seed.

    python bench/generate_plan.py 10000 -o /tmp/plan-10k.md
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

SECTIONS = [
    ("I", "Cải cách thể chế"),
    ("II", "Cải cách thủ tục hành chính"),
    ("III", "Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("IV", "Cải cách chế độ công vụ"),
    ("V", "Cải cách tài chính công"),
    ("VI", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ("VII", "Công tác chỉ đạo, điều hành"),
]

HEADER = [
    "STT",
    "1- Mục tiêu",
    "2- Nhiệm vụ",
    "3- Hoạt động",
    "4- Kết quả/ Sản phẩm",
    "5-Chủ trì",
    "6-Phối hợp",
    "7-Thời gian",
    "8- Kinh phí (triệu đồng)",
]

VERBS = [
    "Tăng cường",
    "Đẩy mạnh",
    "Nâng cao chất lượng",
    "Rà soát, đánh giá",
    "Xây dựng và ban hành",
    "Tổ chức triển khai",
    "Hướng dẫn, đôn đốc",
    "Kiểm tra, giám sát",
    "Hoàn thiện",
    "Số hóa",
    "Tuyên truyền, phổ biến",
    "Chuẩn hóa",
]
OBJECTS = [
    "hệ thống văn bản quy phạm pháp luật thuộc thẩm quyền của tỉnh",
    "thủ tục hành chính thuộc thẩm quyền giải quyết của cấp tỉnh, cấp huyện, cấp xã",
    "cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
    "đội ngũ cán bộ, công chức, viên chức",
    "Đề án vị trí việc làm của các cơ quan, đơn vị",
    "cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập",
    "Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh",
    "Nền tảng tích hợp, chia sẻ dữ liệu (LGSP) của tỉnh",
    "cơ sở dữ liệu chuyên ngành dùng chung",
    "dịch vụ công trực tuyến toàn trình",
    "công tác kiểm tra cải cách hành chính",
    "Chỉ số CCHC (PAR Index), Chỉ số hài lòng (SIPAS)",
    "quy chế chi tiêu nội bộ, công khai tài chính",
    "phân cấp quản lý nhà nước giữa các cấp chính quyền",
]
PURPOSES = [
    "nhằm nâng cao hiệu lực, hiệu quả quản lý nhà nước trên địa bàn tỉnh",
    "bảo đảm công khai, minh bạch, thuận lợi cho người dân, doanh nghiệp",
    "góp phần thúc đẩy phát triển kinh tế - xã hội của địa phương",
    "phục vụ có hiệu quả việc xây dựng chính quyền điện tử, chính quyền số",
    "tạo sự thống nhất, thông suốt trong tổ chức thực hiện nhiệm vụ ở các cơ quan, địa phương",
    "đáp ứng yêu cầu kết nối, chia sẻ dữ liệu với Cổng Dịch vụ công quốc gia",
    "theo đúng quy định tại Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
]
TARGETS = [
    "Đến năm 2025, tỷ lệ hồ sơ giải quyết trực tuyến đạt tối thiểu {p}%",
    "Tối thiểu {p}% thủ tục hành chính có đủ điều kiện được cung cấp trực tuyến toàn trình",
    "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu {p}%",
    "{p}% cán bộ, công chức, viên chức được bồi dưỡng theo tiêu chuẩn chức danh",
    "Đến năm 2030, {p}% cơ quan nhà nước trên địa bàn tỉnh tham gia mở dữ liệu",
    "Cắt giảm, đơn giản hóa tối thiểu {p}% số quy định liên quan đến hoạt động kinh doanh",
]
OUTPUTS = [
    "Kế hoạch",
    "Báo cáo",
    "Quyết định",
    "Các Nghị quyết/ Quyết định",
    "Báo cáo kết quả kiểm tra",
    "Kế hoạch, Báo cáo kết quả kiểm tra",
    "- Quyết định phê duyệt phương án đơn giản hóa TTHC - Báo cáo rà soát, đánh giá TTHC",
    "Hồ sơ, giấy tờ, kết quả giải quyết thủ tục hành chính được số hóa",
    "Tin, bài, hội nghị phổ biến, quán triệt",
    "Phần mềm ứng dụng",
    "Lớp tập huấn",
    "Công văn",
]
AGENCIES = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Thông tin và Truyền thông",
    "Văn phòng UBND tỉnh",
    "Các Sở, ngành",
    "Sở, ngành; UBND huyện, thành phố",
    "Các sở, cơ quan, đơn vị thuộc UBND tỉnh, UBND cấp huyện",
    "UBND cấp huyện",
]
PARTNERS = [
    "Các Sở, ngành",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Các sở, ngành, UBND huyện, thành phố",
    "Các Sở, ban, ngành trực thuộc UBND tỉnh, UBND cấp huyện, cấp xã",
    "Các sở, ngành, các huyện, TP; các ĐVSN công lập",
    "Văn phòng UBND tỉnh",
    "Sở Thông tin và Truyền thông",
]
TIMEFRAMES = [
    "2021-2030",
    "Hàng năm",
    "Năm 2025",
    "Năm 2030",
    "Từ 2021-2025",
    "Quý I/2022",
    "Thường xuyên",
    "Thường xuyên hàng năm",
    "Đến năm 2025",
    "2022-2025",
    "Khi có Thông tư mới",
]
# Most plans leave the budget column empty.
BUDGETS = [""] * 6 + ["Theo đề án được phê duyệt", "Theo KH đã phê duyệt", "500", "1.200"]
SEPARATORS = ["-----", "---", "--", "----------", "-------------------------", "--------------"]


def _sentence(rng: random.Random, min_clauses: int = 1, max_clauses: int = 3) -> str:
    parts = [f"{rng.choice(VERBS).lower()} {rng.choice(OBJECTS)}"]
    for _ in range(rng.randint(min_clauses, max_clauses) - 1):
        parts.append(rng.choice(PURPOSES) if rng.random() < 0.6 else rng.choice(OBJECTS))
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def _split_at_word(text: str, rng: random.Random) -> tuple[str, str]:
    """Cut a cell where a page break would: somewhere after the first third, at a space."""
    words = text.split(" ")
    if len(words) < 4:
        return text, ""
    cut = rng.randint(max(2, len(words) // 3), len(words) - 1)
    return " ".join(words[:cut]), " ".join(words[cut:])


def _table_head(rng: random.Random) -> list[str]:
    seps = [rng.choice(SEPARATORS) for _ in HEADER]
    return ["| " + " | ".join(HEADER) + " |", "|" + "|".join(seps) + "|"]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def generate(rows: int, *, seed: int = 402, rows_per_page: int = 8) -> str:
    """The markdown text of a plan with ``rows`` numbered rows of work."""
    rng = random.Random(seed)
    out = [
        "",
        "",
        "Phụ lục",
        "",
        "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH TỈNH BẮC GIANG GIAI ĐOẠN 2021-2030 (DỮ LIỆU TỔNG HỢP)",
        "",
        f"(Kèm theo Kế hoạch số 9{rows % 1000:03d} /KH-UBND ngày 21 /8/2021 "
        "của UBND tỉnh Bắc Giang)",
        "",
    ]
    out += _table_head(rng)
    per_section = [rows // len(SECTIONS)] * len(SECTIONS)
    for i in range(rows % len(SECTIONS)):
        per_section[i] += 1

    number = 0
    on_page = 0
    carry: list[str] | None = None  # the continuation row owed after the next page break

    def page_break() -> None:
        nonlocal on_page, carry
        out.append("")
        out.extend(_table_head(rng))
        if carry is not None:
            out.append(_row(carry))
            carry = None
        on_page = 0

    for (roman, title), count in zip(SECTIONS, per_section, strict=True):
        if on_page >= rows_per_page:
            page_break()
        out.append(_row([roman, title] + [""] * 7))
        on_page += 1
        objective_no = task_no = 0
        left_in_objective = left_in_task = 0
        for activity_no in range(1, count + 1):
            number += 1
            objective = task = ""
            if left_in_objective == 0:
                objective_no += 1
                left_in_objective = rng.choice([1, 1, 2, 3, 4, 6])
                target = rng.choice(TARGETS).format(p=rng.choice([20, 50, 80, 90, 95, 100]))
                body = target if rng.random() < 0.5 else _sentence(rng, 1, 4)
                objective = f"1.{objective_no}. Mục tiêu {objective_no}: {body}"
                left_in_task = 0
            if left_in_task == 0:
                task_no += 1
                left_in_task = min(left_in_objective, rng.choice([1, 1, 2, 3]))
                task = f"2.{task_no}. Nhiệm vụ {task_no}: {_sentence(rng, 1, 3)}"
            left_in_objective -= 1
            left_in_task -= 1
            activity = f"3.{activity_no}. Hoạt động {activity_no}: {_sentence(rng, 1, 3)}"
            if rng.random() < 0.03:
                activity += " <ul><li>- " + _sentence(rng, 1, 2) + "</li></ul>"
            cells = [
                str(number) + ("." if rng.random() < 0.05 else ""),
                objective,
                task,
                activity,
                rng.choice(OUTPUTS),
                rng.choice(AGENCIES),
                rng.choice(PARTNERS),
                rng.choice(TIMEFRAMES),
                rng.choice(BUDGETS),
            ]
            on_page += 1
            if on_page >= rows_per_page:
                # The last row of the page is cut; its long cells go on at the top of the next.
                carry = [""] * len(cells)
                for col in (1, 2, 3, 4, 6):
                    if len(cells[col]) > 40 and rng.random() < 0.7:
                        cells[col], carry[col] = _split_at_word(cells[col], rng)
                if not any(carry):
                    carry = None
                out.append(_row(cells))
                page_break()
            else:
                out.append(_row(cells))
    out.append("")
    return "\n".join(out)


def write_plan(path: Path, rows: int, *, seed: int = 402) -> Path:
    path.write_text(generate(rows, seed=seed), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int, help="number of rows of work (activities)")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=402, help="random seed (default 402)")
    args = parser.parse_args(argv)
    text = generate(args.rows, seed=args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({args.rows} rows, {len(text.encode()) / 1e6:.1f} MB)")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

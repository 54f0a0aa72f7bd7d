"""The words of the genre the sentence reader looks for: the bodies tasks are given to,
the verbs tasks start with, and the patterns of headings, bullets, labels and deadlines
(`assignments.py` reads with them)."""

from __future__ import annotations

import re

_AGENCY = (
    r"(?:Bộ|Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ban|Văn phòng|Thanh tra|Công an|Cục|"
    r"Tổng cục|Bảo hiểm xã hội|Ngân hàng|Đài|Trung tâm|Viện|Hội đồng|Thủ trưởng|Chủ tịch|"
    r"Các bộ|Các sở|Các Sở|Các cơ quan|Các địa phương|Bộ trưởng|Giám đốc|Kiểm toán Nhà nước|"
    r"Tổng Liên đoàn|Liên đoàn|Ủy ban|Uỷ ban|Tập đoàn|Tổng công ty|Thông tấn xã|Tổ đảng|"
    r"Đảng đoàn|Đảng ủy|Đảng uỷ|Đoàn đại biểu|Trung ương Mặt trận|Mặt trận Tổ quốc|"
    # Headings naming a group of businesses: "5. Các doanh nghiệp viễn thông, tổ chức, …".
    r"Các doanh nghiệp|Các Doanh nghiệp|Các tập đoàn|Các ngân hàng thương mại|"
    # "5. Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp".
    r"Các chủ đầu tư|Các nhà đầu tư|Các hợp tác xã|"
    # "(ii) Chủ đầu tư phối hợp chặt chẽ với …": a project's investor, named by its role in
    # capitals (round 6 leftovers)
    r"Chủ đầu tư|"
    # "8. Các Khu Công nghệ cao, Khu Công nghệ số tập trung và hiệp hội …" (round 20).
    r"Các [Kk]hu [Cc]ông nghệ|Các [Kk]hu [Cc]ông nghiệp|Các [Kk]hu kinh tế|"
    # Other bodies plans assign work to: "Chi cục Hải quan", "Tỉnh đoàn", "Các cơ sở đào tạo",
    # "Báo và Phát thanh, Truyền hình tỉnh" (not "Báo cáo"), "Hiệp hội Doanh nghiệp".
    r"Chi cục|Tỉnh đoàn|Tỉnh Đoàn|Thành đoàn|Thành Đoàn|Các cơ sở|Các trường|Hiệp hội|"
    r"Liên hiệp|Liên minh|Hội Nông dân|Hội Liên hiệp|Trưởng [Bb]an|Các tổ chức|Báo(?!\s+cáo)|"
    # Held-out documents (issue 15, third round): "Các Bộ: Công Thương, …", "Các Tập đoàn,
    # Tổng Công ty nhà nước", "Giao người đứng đầu các cơ quan …", "Giao các Phó Thủ tướng …".
    r"Các Bộ|Các Tập đoàn|Các Cơ quan|[Nn]gười đứng đầu|(?:các )?Phó Thủ tướng|"
    r"Các xã|Các phường|Các huyện|Các ngành|Các đơn vị|Cấp ủy|Cấp uỷ|"
    # "Cơ quan thanh tra …", "Cơ quan chủ trì giải quyết thủ tục …" (not the labels
    # "Cơ quan chủ trì: …").
    r"Cơ quan(?!\s+(?:chủ trì|phối hợp|thực hiện)\s*:)(?:\s+(?:thanh tra|phối hợp|chủ trì))?|"
    # The heads of the genre's other bodies (issue 15, general rules): the name words
    # follow up to the task's verb or a list's end (``agencies.split_name``). A head that is
    # also a common word is one only before a proper name ("Hội Cựu chiến binh", not "Hội
    # nghị"; "Thuế tỉnh", not "Thuế giá trị gia tăng").
    r"Kho bạc|Tòa án|Toà án|Học viện|Đại học|Bệnh viện|Bộ đội|Cảnh sát|Kiểm toán|"
    r"Trường (?=[A-ZĐ])|Hội (?=[A-ZĐ])|Đoàn (?=[A-ZĐ])|Quỹ (?=[A-ZĐ])|Phòng (?=[A-ZĐ])|"
    # A ministry's department ("Vụ Pháp chế"), a named company ("Công ty Điện lực Đắk Lắk").
    r"Vụ (?=[A-ZĐ])|Công ty (?=[A-ZĐ])|"
    # ("Thống kê tỉnh Bắc Ninh", round 22: a province's statistics office since 2025, as
    # "Thuế tỉnh"; not "Thống kê số liệu …")
    r"Thống kê (?=[A-ZĐ]|tỉnh|thành phố)|"
    r"Thuế (?=[A-ZĐ]|tỉnh|thành phố|cơ sở)|Mặt trận|Các đặc khu|Các quận|Các thị xã|"
    r"Các Ban|Các ban|Các Ủy ban|Các Hội|Các hội|Các đoàn thể|Các Sở,|Sở, ban|"
    # The facilities a law gives duties to (round 19): "Cơ sở khám bệnh, chữa bệnh chịu
    # trách nhiệm …", "Cơ sở giáo dục …" (not "Cơ sở dữ liệu", "Cơ sở pháp lý").
    r"Cơ sở (?=khám|y tế|giáo dục|đào tạo|trợ giúp|bảo trợ|cai nghiện)|"
    # "2. Các lực lượng chức năng phải …": the forces a task is given to (round 5); a
    # ministry's departments ("Vụ Pháp chế", "Vụ Tổ chức cán bộ")
    r"Các lực lượng|"
    # "2. Đề nghị các cấp ủy Đảng, Mặt trận Tổ quốc …: Phối hợp …": the Party's committees at
    # every level, asked to act beside the government (round 7).
    r"Các cấp ủy|Các cấp uỷ|"
    # "1. Đồng chí Bí thư tỉnh ủy và Chủ tịch Ủy ban nhân dân các tỉnh: …": the Party
    # secretary of a province or commune, asked to act with its chairman (round 8).
    # "6. Chánh Văn phòng Ban chỉ đạo … phối hợp …": the head of an office or inspectorate.
    r"Chánh Văn phòng|Chánh Thanh tra|"
    # "11. Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo …": the head of the central bank
    # (round 7 leftovers).
    r"Thống đốc (?=[A-ZĐ])|"
    # "Đề nghị Thường trực Tỉnh ủy tập trung …": the standing body of a Party committee or
    # of a council, and the committee itself.
    r"[Tt]hường trực (?=[A-ZĐ]|các\s)|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|"
    r"Bí thư (?=[Tt]ỉnh|[Tt]hành|[Xx]ã|[Pp]hường|[Đđ]ảng|[Cc]ấp|[Hh]uyện|[Qq]uận)|"
    # "tỉnh Đắk Lắk cần tiếp tục …": a province named as the subject.
    r"[Tt]ỉnh (?=[A-ZĐ])|[Tt]hành phố (?=[A-ZĐ])|"
    # The Party's bodies (round 9; "Bộ Chính trị", "Ban Bí thư", "Đảng uỷ …", "Văn phòng Trung
    # ương Đảng" open with a head above): "Các tỉnh uỷ, thành uỷ …", "Tổ chức đảng …", "(5)
    # Các văn phòng tiếp tục …" (the offices of the Party committees named before).
    r"Các [Tt]ỉnh ủy|Các [Tt]ỉnh uỷ|Tổ chức đảng|Các văn phòng|Các Văn phòng|"
    # "a) Các tỉnh Nghệ An, Quảng Ngãi, Cao Bằng khẩn trương …": provinces named (round 7)
    r"Các tỉnh (?=[A-ZĐ])|Các thành phố (?=[A-ZĐ]))"
)
# Words that end the agency's name: the verb of the task, or the clause that follows.
# The verbs a task starts with: they end the agency's name and the list of partners.
_VERBS = (
    # ("Cục Kết cấu hạ tầng xây dựng tham mưu …": after "hạ tầng" the word names, round 7)
    r"chủ trì|phối hợp|khẩn trương|nghiên cứu|(?<!hạ tầng )xây dựng|tổ chức|rà soát|"
    r"hoàn thiện|triển khai|"
    r"thực hiện|tham mưu|hướng dẫn|ban hành|trình|theo dõi|kiểm tra|đẩy mạnh|tiếp tục|chỉ đạo|"
    r"có trách nhiệm|là cơ quan|sửa đổi|bổ sung|quyết liệt|tập trung|đôn đốc|chịu trách nhiệm|"
    r"là đầu mối|"  # "Giao Cục X là đầu mối hướng dẫn …": the focal point's role (round 16)
    r"bố trí|bảo đảm|đảm bảo|phân bổ|cân đối|giám sát|phê duyệt|công bố|cung cấp|chuẩn bị|lập|"
    r"soạn thảo|cập nhật|kết nối|số hóa|nâng cấp|nâng cao|đánh giá|báo cáo|tổng hợp|cắt giảm|"
    r"đơn giản hóa|chuẩn hóa|tích hợp|vận hành|duy trì|đề xuất|thẩm định|kiện toàn|sắp xếp|"
    r"đào tạo|bồi dưỡng|tuyên truyền|phổ biến|công khai|thí điểm|ứng dụng|phát triển|mở rộng|"
    r"đầu tư|mua sắm|thanh tra|khảo sát|đo lường|xác định|điều chỉnh|hoàn thành|"
    r"tạo điều kiện|xem xét|theo|tham gia|thống nhất|hỗ trợ|giải quyết|khắc phục|kịp thời|"
    r"thành lập|chủ động|phải|gửi|phát động|huy động|căn cứ|xử lý|khôi phục|cần|mở|đưa|"
    # "Phân công Phó Thủ tướng X sớm tổ chức …", "Phối hợp với các đơn vị tổng kết …": an
    # adverb and a verb opening a task after a body's name (leftovers, round 10)
    r"sớm|tổng kết|"
    # "… phối hợp với X, Y và các bộ, cơ quan, địa phương làm tốt công tác …": "do well" opens
    # a task after a list of bodies (round 20); "có báo cáo", "có ý kiến", "có văn bản":
    # "make a report", "give an opinion", "write", opening a task as their verbs do
    r"làm tốt|có báo cáo|có ý kiến|có văn bản|"
    # "Giao Đảng uỷ X lãnh đạo, chỉ đạo …": the Party leads and directs (round 9); alone,
    # "lãnh đạo" is a noun too ("tập thể lãnh đạo", "lãnh đạo các Bộ").
    r"lãnh đạo,? chỉ đạo|lãnh đạo và chỉ đạo|cụ thể hoá|cụ thể hóa|tăng cường|nghiêm túc|tiếp thu|"
    # "Thành phố Hà Nội và các tỉnh X, Y đẩy nhanh …", "Giao Phó Thủ tướng X trực tiếp chỉ đạo
    # …": a verb and an adverb that open a task after a body's name (rounds 7-8)
    r"đẩy nhanh|trực tiếp|đi kiểm tra|đi khảo sát|"
    # "X chủ trì phối hợp với Y thường xuyên theo dõi …": an adverb opening the task (round 12),
    # not the name of continuing education ("trung tâm giáo dục thường xuyên")
    r"(?<!giáo dục )thường xuyên"
)
# A comma inside a body's name: the two coordinate words of a field a body is named after
# ("Cục Quản lý Khám, chữa bệnh", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ", "Sở Văn hóa, Thể
# thao và Du lịch", "Bộ Lao động, Thương binh và Xã hội"), not a list's comma (round 16).
_FIELD_PAIR = (
    r"(?:[Cc]hữa bệnh|[Cc]hăm sóc sức kh[oỏ]e|[Cc]hăm sóc sức khoẻ|Thể thao và Du lịch|"
    r"Thương binh và Xã hội)\b"
)
# "Sở Lao động - Thương binh và Xã hội, phòng Lao động - Thương binh và Xã hội cấp huyện": a
# department's head word in lower case before its proper name goes on the list (round 17).
_LOWER_HEAD = r"(?:phòng|sở|ban|chi cục)\s+(?=[A-ZĐ])"
# ("… và các tổ chức thành viên": after a plural determiner the word is a noun, not a verb)
_AGENCY_END = (
    rf"(?=\s*(?:,(?!\s*{_FIELD_PAIR}|\s*{_LOWER_HEAD})|;|:|\(|$|"
    rf"(?<!\bcác)(?<!\bnhững)\s(?:{_VERBS})\b))"
)
# A character of an agency's name; a bracketed abbreviation belongs to it too ("Đài Truyền
# hình Việt Nam (VTV)").
_NAME = rf"(?:[^,;:()]|\([A-ZĐ0-9]{{2,12}}\)|,\s*(?={_FIELD_PAIR}|{_LOWER_HEAD}))"
# Bodies named by their kind in a list ("các sở, ban, ngành, xã, phường, công ty").
_KINDS = (
    r"(?:các |những )?(?:cơ quan|thành phố|ngành|địa phương|sở|ban|xã|phường|đặc khu|"
    r"công ty|[Tt]ổng công ty|đơn vị|tổ chức|doanh nghiệp|hội|đoàn thể|"
    # the press after the news agencies: "… và các cơ quan thông tấn, báo chí phối hợp …"
    # (round 20)
    r"báo chí|"
    # the Party's committees by their level: "các tỉnh uỷ, thành uỷ", "cấp uỷ", and its
    # organisations at the base, "chi bộ, đảng bộ" (round 9)
    # (in a list, a cell named by its place: "…, Chi bộ khu dân cư, Chi bộ trường học", round 15)
    r"(?:tỉnh|thành|huyện|quận|thị|đảng|cấp) (?:uỷ|ủy)|[Cc]hi bộ|[Đđ]ảng bộ)\b"
)
# "Yêu cầu các đồng chí bí thư tỉnh uỷ, thành uỷ, các đồng chí bộ trưởng …": office holders
# named in lower case after the honorific (round 9).
_OFFICES = r"(?:bí thư|bộ trưởng|thủ trưởng|chủ tịch|giám đốc|trưởng ban|chánh văn phòng)\b"
_COMRADES = rf"(?:các\s+)?đồng chí\s+{_OFFICES}"
_GIVEN_RE = re.compile(
    # (a list opening with bodies named by their kind only where the sentence opens so:
    # "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành …" is who asks, not a task given)
    rf"(?:(?:^|[.;:]\s+)(?:[Gg]iao|[Yy]êu cầu|[Đđ]ề nghị)\s+(?=các {_KINDS})"
    # (not "… Quyết định số 41 về việc giao X …": a cited document's subject, no task given)
    # ("Phân công Phó Thủ tướng X …": assigned as "giao" does, leftovers of round 10)
    rf"|(?:^|[.;:]\s+|(?<!việc)\s)(?:[Gg]iao|[Yy]êu cầu|[Đđ]ề nghị|[Pp]hân công)\s+"
    rf"(?=(?:đồng chí\s+)?{_AGENCY}|{_COMRADES})"
    # "14. Phân công các đồng chí Phó Thủ tướng … tiếp tục theo dõi …": a point opening with
    # the assignment to office holders (not "Đề nghị các đồng chí Bộ trưởng … chỉ đạo …" nor
    # "X yêu cầu các đồng chí Y nghiêm túc thực hiện": the closing appeal; round 7 leftovers)
    rf"|^(?:[Gg]iao|[Pp]hân công)\s+(?=các\s+đồng chí\s+{_AGENCY}))"
    # "Giao Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ, Chủ tịch …": a list of agencies.
    # "Yêu cầu UBND các xã, phường, các sở, ban, ngành, các Tổng công ty, công ty …": the
    # list goes on with bodies named by their kind. ("Giao đồng chí Bộ trưởng Bộ X trực
    # tiếp …": the honorific after "Giao" stays with the office, round 8.)
    rf"(?P<lead>(?:(?:(?:các\s+)?đồng chí\s+)?{_AGENCY}|{_COMRADES}|các (?={_KINDS})){_NAME}*?"
    rf"(?:,\s*(?:{_AGENCY}|{_KINDS}|{_COMRADES}|{_OFFICES})"
    rf"{_NAME}*?)*"
    # "Đề nghị các cơ quan …; Văn phòng …; các Hội …; Ủy ban nhân dân các xã: tổ chức …":
    # a list whose items are parted by ";" goes on to the colon, each item naming bodies
    # without a task's verb (round 9; "đơn vị sự nghiệp công lập": "lập" is no verb there).
    rf"(?:;\s*(?:{_AGENCY}|các\s)(?:(?!\s(?!lập\b)(?:{_VERBS})\b)[^;:.])*?(?=\s*[;:]))*)"
    rf"{_AGENCY_END}"
    # ("Đề nghị Công ty Điện lực X: Khẩn trương …": the colon after the body is no text)
    r"\s*[,:]?\s*(?P<rest>.*)$",
    re.S,
)
_SUBJECT_RE = re.compile(
    # (no task verb inside the lead: "Bộ Xây dựng chỉ đạo Sở Xây dựng … khẩn trương …")
    rf"^(?P<lead>{_AGENCY}(?:(?!\s(?:{_VERBS})\b){_NAME})*?)\s+"
    r"(?=chủ trì|có trách nhiệm|khẩn trương|chịu trách nhiệm)"
    r"(?P<rest>.*)$",
    re.S,
)
# "c) Bộ Thông tin và Truyền thông tập trung nghiên cứu …", "- Thanh tra Chính phủ, Thanh tra
# các bộ thực hiện …": a numbered or bulleted sentence whose subject is an agency and whose
# verb is a task's verb ("Ban hành …" is a verb, not the agency "Ban …"; "tổ chức," is the
# noun of a list, as in "Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan", and so
# is "các tổ chức chính trị - xã hội").
_SUBJECT_VERB_RE = re.compile(
    # (";" between two bodies, the second in lower case: "UBND các xã, phường; các đơn vị …")
    rf"^(?!Ban hành\b)(?P<lead>{_AGENCY}(?:[^;:()]|\([A-ZĐ0-9]{{2,12}}\)|;\s*(?={_AGENCY}|các\s))"
    r"{0,240}?)\s+"
    # "Khu Nông nghiệp ứng dụng Công nghệ cao" is a name, not a verb.
    # "tổ chức chính trị - xã hội", "tổ chức đảng" in a list of bodies are nouns too.
    # ("các cơ quan, tổ chức có liên quan": a list of kinds of bodies, round 16)
    r"(?=(?<![Cc]ơ quan )(?<![Cc]ơ quan, )"
    r"(?!tổ chức(?:,| chính trị| xã hội| đoàn thể| quốc tế| tín dụng| đảng| thành viên))"
    # "Các cơ sở đào tạo", "cơ sở sản xuất": after "cơ sở" the word names what the body does.
    r"(?!ứng dụng [Cc]ông nghệ cao)(?<!các )(?<!những )(?<![Cc]ơ sở )"
    # "Các cơ sở giáo dục đại học công lập, …" (round 22): "công lập" (public), no "lập".
    r"(?<![Cc]ông )"
    # "Văn phòng Ban chỉ đạo …", "Ban tổ chức …": a board named after what it does.
    r"(?<!\bBan )"
    rf"(?:{_VERBS})\b)(?P<rest>.*)$",
    re.S,
)
# "b) Bộ Tài chính" on its own line: an agency heading without its colon.
_AGENCY_ONLY_RE = re.compile(rf"^(?!Ban hành\b)(?P<lead>{_AGENCY}[^:()]{{0,160}})(?P<rest>)$", re.S)
_AGENCY_HEADING_RE = re.compile(rf"^(?P<lead>{_AGENCY}[^;:()]{{0,120}}?)\s*:\s*(?P<rest>.*)$", re.S)
_ROLE_ONLY_RE = re.compile(
    rf"^(?:Chủ trì,\s*)?[Pp]hối hợp(?: chặt chẽ)?(?: với)?\s+(?:(?!\b(?:{_VERBS})\b)[^.;:])*$",
    re.S,
)
# "a) Chủ trì, phối hợp với các sở, ngành, UBND các xã, phường" over bullets (or the same
# line ending in ":"): the agency leads the bullets below it with those partners.
_ROLE_PARTNERS_RE = re.compile(
    rf"^Chủ trì,\s*phối hợp(?: chặt chẽ)? với\s+(?P<partners>(?:(?!\b(?:{_VERBS})\b)[^.;:])+?)"
    r"\s*:?$",
    re.S,
)
# A heading naming a group of businesses by its trade ("7. Các doanh nghiệp hoạt động trong lĩnh
# vực xây dựng, giao thông, vận tải, logistics và công nghệ thông tin trên địa bàn Tỉnh") is
# long and holds words that read as verbs ("xây dựng"): still the agency of the bullets below.
_BUSINESS_GROUP_RE = re.compile(
    r"^(?:Các|Những)\s+(?:doanh nghiệp|Doanh nghiệp|chủ đầu tư|nhà đầu tư|hợp tác xã)\b"
)
# The role words before a task ("Chủ trì, …", "Tiếp tục chủ trì, …", "có trách nhiệm chủ
# trì …"): the agency's role, no part of the title.
_LEAD_WORDS_RE = re.compile(
    # ("chịu trách nhiệm (toàn diện) trước pháp luật …" is the duty itself, not a word of
    # the role; "X phải chủ động …", "a) Phải chủ động …": the modal is no part of the task)
    r"^(?:phải\s+(?=\S))?(?:(?:là cơ quan|có trách nhiệm|chịu trách nhiệm)\s+"
    # ("X chịu trách nhiệm về …", round 19: the duty itself, no task's verb after it; "X chịu
    # trách nhiệm cập nhật …", round 22: a task's verb after it, the words are the role's)
    r"(?!(?:(?:toàn diện|hoàn toàn|cá nhân)\s+)?trước\b)"
    rf"(?<!chịu trách nhiệm\s)(?!về\b)|chịu trách nhiệm\s+(?!theo\s(?!dõi))(?=(?:{_VERBS})\s))?"
    # ("Bộ trưởng Bộ X chỉ đạo chủ trì, phối hợp với …": the minister directs the leading;
    # "Chủ trì hoặc phối hợp với X đề xuất …", round 22: the role either way, X its partners)
    r"(?:(?:tiếp tục|chủ động|trực tiếp|chỉ đạo)\s+(?=chủ trì))?"
    # ("chủ trì cuộc họp …": chairing a meeting is the task itself, its object follows)
    r"(?:chủ trì(?:\s+hoặc(?=\s+phối hợp))?(?!\s+(?:cuộc họp|phiên họp|hội nghị|buổi họp)\b))?"
    r"\s*,?\s*",
    re.I,
)
_PARTNERS_RE = re.compile(
    # "phối hợp triển khai …" (carry out jointly) names no partner; "chủ đầu tư" is a body;
    # the list ends before the clause that follows it ("để …", "trong việc …", "trong quá
    # trình …", "căn cứ …").
    # "phối hợp và hướng dẫn …" (coordinate and guide) names none either.
    # "Phối hợp với Sở Y tế tổ chức …" opening a point under an agency heading names them too.
    # ("phối với", a syllable dropped in print, is "phối hợp với" all the same)
    # ("phối hợp tốt với X": the adverb is the role's, round 14)
    r"(?:^[Pp]|,\s*p|\sp)hối (?:hợp (?:chặt chẽ |tốt )?(?:với\s+)?|với\s+)"
    rf"(?!(?:{_VERBS}|và|hoặc)\b)"
    r"(?P<partners>.+?)"
    # (a verb followed by "để" has no object: a noun of the name, "các viện nghiên cứu để …")
    rf"(?=,?\s(?<!chủ\s)(?<!nhà\s)(?<![Cc]ơ quan\s)(?<!\bcác\s)(?<!\bnhững\s)"
    # ("phối hợp với Bộ X, các cơ quan, tổ chức bố trí …": after "cơ quan, " and before
    # another task's verb, "tổ chức" is the noun of the pair "cơ quan, tổ chức", round 20)
    rf"(?!(?<=[Cc]ơ quan, )tổ chức\s+(?!thực hiện|triển khai)(?:{_VERBS})\b)(?:{_VERBS})\b"
    r"(?!\s+(?:để|nhằm)\s)"
    r"|\s(?:để|nhằm|trong việc|trong quá trình|căn cứ)\s|;|$)",
    re.S,
)
_TIME_LABEL_RE = re.compile(
    r"[;.,]?\s*(?:-\s*)?Thời (?:gian|hạn)(?:\s+(?:hoàn thành|hoàn tất|thực hiện|trình))?\s*:\s*"
    r"(?P<time>[^;]+?)\s*[.;]?\s*$",
    re.I | re.S,
)
# "Thời gian hoàn thành trước ngày 31 tháng 12 năm 2025.": a deadline sentence without a
# colon; its words before the date are no part of the timeframe.
_TIME_SENTENCE = (
    r"(?:Thời (?:gian|hạn)(?:\s+thực hiện)?(?:\s+(?:hoàn thành|hoàn tất))?(?:\s+xong)?\s+)"
)
_TIME_INLINE_RE = re.compile(
    rf"[,;]?\s*(?:\(|,|;)?\s*{_TIME_SENTENCE}?"
    # ("bảo đảm đến hết tháng 12 năm 2025 giải quyết …": the end of a period, round 6)
    r"(?P<time>(?:hoàn thành|hoàn tất|trình|xong)?\s*(?:trong|trước|chậm nhất|từ|đến hết)\s+"
    r"(?:ngày|tháng|quý|năm|\d)[^;()]*?|thực hiện (?:thường xuyên|hằng năm|"
    r"hàng năm))\s*\)?\s*[.;]?\s*$",
    re.I | re.S,
)
# ("1- Các cấp uỷ …", "IV- TỔ CHỨC THỰC HIỆN": the Party's documents number with a dash)
_HEADING_RE = re.compile(
    r"^\s*(?P<label>(?:PHẦN|Phần)\s+[0-9IVXLC]+|[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])"
    r"(?:\s*[.)](?!\d)|-(?=\s))\s*(?P<rest>\S.*)$",
    re.S,
)
# "(1) Bộ Tài chính giải quyết …" on its own line: a numbered point of the sentence above.
_PAREN_RE = re.compile(r"^\s*\((?P<label>\d{1,2}|[ivx]{1,4})\)\s*(?P<rest>\S.*)$", re.S)
# "theo chức năng, nhiệm vụ được giao": the formula between an agency and its verb.
_REMIT_RE = re.compile(
    r"^(?:theo|căn cứ(?: vào| theo)?) (?:chức năng(?: quản lý(?! nhà)\b)?|nhiệm vụ)"
    # ("căn cứ chức năng quản lý, ngành, lĩnh vực, phạm vi quản lý, phối hợp …", branch left22)
    r"(?:,?\s*(?:nhiệm vụ|thẩm quyền|quyền hạn|ngành|lĩnh vực|phạm vi quản lý))*"
    # only where the task's verb follows ("theo chức năng, nhiệm vụ của đơn vị …" is a title)
    # ("theo nhiệm vụ, quyền hạn của mình chủ động …": "of its own" ends it too)
    rf"(?:\s+(?:được giao|được phân công|của mình))?\s*,?\s*(?=(?:{_VERBS})\b)",
    re.I,
)
# "Bộ Quốc phòng, Bộ Công an theo chức năng, … chủ trì, phối hợp với các Bộ, cơ quan liên
# quan và các địa phương:" over points a), b) …: the agency leads them with those partners.
_ROLE_HEADING_RE = re.compile(
    rf"^(?P<lead>{_AGENCY}[^;:()]{{0,160}}?)\s+(?:theo (?:chức năng|nhiệm vụ)[^:;]*?\s+)?"
    r"chủ trì,\s*phối hợp(?: chặt chẽ)?(?: với)?\s+(?P<partners>[^:;]{3,200}?)\s*:\s*"
    r"(?P<rest>.*)$",
    re.S,
)
# "… và các đơn vị có liên quan theo chức năng, nhiệm vụ, thẩm quyền quy định": the formula
# at the end of a lead is no part of it.
_REMIT_TAIL_RE = re.compile(r"\s+(?:theo|căn cứ) (?:chức năng|nhiệm vụ)\b.*$", re.S)
# "Chủ tịch Ủy ban nhân dân các tỉnh: Hà Tĩnh, Quảng Trị, … chủ động …", "Các Bộ: Công
# Thương, Ngoại giao thành lập …": the names after the colon belong to the agency.
# ("Bộ trưởng các Bộ: Quốc phòng, Y tế; Chủ tịch … các tỉnh … tổ chức …": another body after
# the list's ";" shares the task.)
_NAMED_LIST_RE = re.compile(
    rf"^(?P<names>(?:[^;:()]|;\s*(?={_AGENCY})){{2,320}}?)\s+(?P<rest>(?:{_VERBS})\b.*)$", re.S
)
# "Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau:", "Thủ tướng Chính phủ kết
# luận như sau:": the issuer speaking before the points, not a body given them.
_ISSUER_SPEAKS_RE = re.compile(
    # (not "… thực hiện các yêu cầu cụ thể như sau:", the requirements, a noun)
    r"(?<!\bcác)(?<!\bnhững)\s(?:có ý kiến(?: chỉ đạo)?|chỉ đạo|kết luận|yêu cầu|đề nghị|"
    r"quyết định|thông báo|giao nhiệm vụ)(?: như sau| cụ thể như sau| sau)?\s*:$"
)
# "Các đồng chí Bộ trưởng, …": the honorific is not part of the agency.
_HONORIFIC_RE = re.compile(r"^(?:Các|các)?\s*[Đđ]ồng chí\s+(?=\S)")
# "… khắc phục các bất cập …, hoàn thành trong tháng 11 năm 2025, cụ thể:": the deadline of
# the numbered points that follow.
_ANNOUNCED_TIME_RE = re.compile(
    r"(?:hoàn thành|hoàn tất)\s+(?P<time>(?:trong|trước)\s+(?:ngày|tháng|quý|năm)[^,;:]*)", re.I
)
# The line that introduces the addressees ("Kính gửi:", "THỦ TƯỚNG CHÍNH PHỦ điện:"): the
# bullets below it name who the document is sent to, not tasks.
_ADDRESS_RE = re.compile(r"(?:^|\s)(?:[Kk]ính gửi|[Đđ]ồng kính gửi|điện)\s*\**\s*:[*_\s]*$")
# "1. Giao người đứng đầu các cơ quan …; Chủ tịch Ủy ban nhân dân các xã" over bullets: the
# agency given the bullets, whatever its wording.
_GIVE_HEADING_RE = re.compile(r"^Giao\s+(?P<lead>[^.:]{3,240}?)\s*:?\s*$", re.S)
_LABEL_LINE_RE = re.compile(r"^\s*[-+•]?\s*(?P<label>[^:]{4,40}?)\s*:\s*(?P<value>\S.*)$", re.S)
# "Thời gian hoàn thành trước …", or "Đảm bảo hoàn thành trong quý I/2026." printed after the
# task as a sentence of its own: the deadline of the row above, not a row.
_TIME_SENTENCE_RE = re.compile(
    rf"^[*_\s]*(?:{_TIME_SENTENCE}|(?:Đảm bảo|Bảo đảm)\s+[*_\s]*(?:hoàn thành|hoàn tất)"
    r"(?:\s+thực thi)?\s+)"
    r"(?P<time>(?:trong|trước|chậm nhất|từ|năm|quý|tháng)\s+[^;]{1,80}?)"
    r"[\s*_]*[.;]?[\s*_]*$",
    re.I | re.S,
)
_DONE_RE = re.compile(r"^(?:hoàn thành|hoàn tất|xong|trình)\s+(?=trong|trước|chậm|từ)", re.I)
_BULLET_RE = re.compile(r"^\s*_*\s*(?:[-+•–]|\*(?=\s))\s*(?P<rest>\S.*)$", re.S)
# "… báo cáo cụ thể về một số nội dung sau:": a point asking for figures or facts, whose
# listed lines are what the report covers ("thực hiện các nhiệm vụ sau:" lists tasks).
_ASKS_FOR_FIGURES_RE = re.compile(
    r"\b(?:báo cáo|thống kê|số liệu|thông tin|tổng hợp)\b(?![^:]*\bnhiệm vụ\b)", re.I
)
_ASKED_RE = re.compile(r"^Đề nghị\s+")
_ASKS_RE = re.compile(r"\s(?:yêu cầu|đề nghị)\s")
# "1.3. Các cơ quan tham mưu … (gồm các Sở: …)": the note in brackets is not the agency's name.
_TRAILING_NOTE_RE = re.compile(r"\s*\([^()]*\)\s*:?\s*$")
# "1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:": the agency is who the duty is of.
# ("Trách nhiệm Tổ công tác …:" without its "của": a name, capitalised, follows.)
_DUTY_RE = re.compile(
    r"^(?:(?:Trách nhiệm|Nhiệm vụ) của\s+|Trách nhiệm\s+(?=[A-ZĐÀ-Ỹ]))"
    r"(?P<lead>[^:()]{3,120}?)\s*:?\s*$"
)
_DUTY_LEAD_RE = re.compile(r"^(?P<lead>.+)(?P<rest>)$", re.S)
# The closing formula of every resolution or decision ("Các bộ … chịu trách nhiệm thi hành
# Nghị quyết này"): not a row of work.
_EXECUTION_CLAUSE_RE = re.compile(
    r"^(?:chịu|có) trách nhiệm (?:thi hành|tổ chức thực hiện|thực hiện)\s+(?:\S+\s+){0,3}?này\b",
    re.I,
)
# The closing paragraph that asks everyone to carry out "this document".
_CLOSING_RE = re.compile(
    r"\b(?:quán triệt|thi hành|thực hiện nghiêm(?: túc)?|tổ chức thực hiện|triển khai thực hiện)"
    r"\b[^.]*?\b(?:Chỉ thị|Nghị quyết|Quyết định|Kế hoạch|Chương trình|Công văn|Công điện|"
    r"Thông báo) này\b"
    # "… theo chức năng, nhiệm vụ được giao tại kế hoạch này triển khai thực hiện …"
    # "Văn phòng Chính phủ thông báo để các cơ quan … biết, thực hiện./."
    r"|\bthông báo để\b[^.]*\bbiết\b"
    # "Văn phòng Chính phủ trân trọng thông báo./.": the notice's closing line.
    r"|\b(?:trân trọng|xin) thông báo\s*[./]*\s*$"
    # "… yêu cầu các sở, … nghiêm túc triển khai, thực hiện./." (no object: the closing
    # request of the document), "… triển khai thực hiện đầy
    # đủ các nội dung chỉ đạo nêu trên": the closing request to everyone.
    r"|\b(?:triển khai|thực hiện)(?:,? (?:thực hiện|triển khai))?\s*\./\.\s*$"
    r"|\b(?:triển khai|thực hiện)\b[^.]*\bcác nội dung (?:chỉ đạo )?nêu trên\b"
    r"|\bđược giao tại (?:[Cc]hỉ thị|[Nn]ghị quyết|[Qq]uyết định|[Kk]ế hoạch|[Cc]hương trình) này\b"
    # "Đề nghị các sở, ban, ngành và địa phương khẩn trương …, báo cáo … để xem xét, chỉ
    # đạo./.": the last sentence's request to every body at once, ended by "./." (a "Giao X
    # …" sentence before that mark is a task).
    r"|\b(?:[Đđ]ề nghị|[Yy]êu cầu)\s+(?:(?:Thủ trưởng|Giám đốc|Chủ tịch)\s+)?(?:các|mọi)\s+"
    r"(?:[Ss]ở|cơ quan|đơn vị|[Bb]ộ|ngành|địa phương|cấp)\b(?:[^./]|\.(?!\s))*\./\.\s*$"
)
# "Trong quá trình thực hiện, nếu có vướng mắc …, báo cáo …": the closing formula too.
# "Trên đây là Chỉ thị về …, yêu cầu … nghiêm túc triển khai thực hiện./.": the closing formula.
# The words a duty under an agency's heading opens with ("- Chủ trì, phối hợp …", "a) Rà
# soát …"): the heading's agency does it.
_DUTY_OPENING_RE = re.compile(
    r"^(?:Chủ trì|Phối hợp|Tham mưu|Xây dựng|Tổ chức|Rà soát|"
    r"Hoàn thiện|Triển khai|Thực hiện|Hướng dẫn|Ban hành|Trình|"
    r"Theo dõi|Kiểm tra|Đẩy mạnh|Tiếp tục|Nghiên cứu|Cập nhật|Tăng cường|Hỗ trợ|"
    r"Định hướng|Bố trí|Huy động|Lựa chọn|Đôn đốc|Chủ động|Chỉ đạo|Phát huy|"
    r"Theo chức năng|Căn cứ chức năng)\b"
)
_SUMMARY_RE = re.compile(r"^Trên đây là\b")
_IF_NEEDED_RE = re.compile(
    r"^(?:Trong quá trình|Quá trình)(?: tổ chức)?(?: triển khai)?(?: thực hiện)?[^,]{0,40},\s*nếu\b"
)
# "Trên cơ sở …, các bộ … xây dựng …": the subject comes after an opening clause ("Sau tối
# đa 05 ngày kể từ …, các cơ quan … có trách nhiệm …": a time clause, round 22).
_OPENING_RE = re.compile(r"^(?:Trên cơ sở|Căn cứ|Để|Nhằm|Sau khi|Sau tối đa|Sau thời hạn)\b")
# "Đối với các chi phí …, Bảo hiểm xã hội Việt Nam khẩn trương …" (round 19): a scope clause
# before the subject of a numbered point.
_SCOPE_RE = re.compile(r"^Đối với\s")
# "Đối với các khu công nghiệp chưa có …, khẩn trương …": a clause that frames the task.
_FRAME_RE = re.compile(r"^(?:Đối với|Trên cơ sở|Căn cứ|Để|Nhằm|Sau khi|Trường hợp)\b")
# Where the signature block starts: the end of the tasks.
_SIGNATURE_RE = re.compile(r"^[*_|\s]*(?:Nơi nhận|TM\.|KT\.|Q\.\s|TL\.)", re.I)
# Where an inline deadline ends inside its sentence: "trong tháng 3 năm 2020 để trình …".
# "Trước ngày 15/12 hàng năm tổng hợp, báo cáo …": a task's verb ends it too.
# "trước 19h00 hằng ngày và đột xuất khi cần thiết": "và" before a word that is no date
# ends it too (the occasions added are no deadline).
_TIME_TAIL_RE = re.compile(
    rf"\s+(?:để|nhằm)\s|,\s|\.\s|\s(?=(?:{_VERBS})\b)"
    r"|\s+(?:và|hoặc)\s+(?!(?:ngày|tháng|quý|năm|trước|sau|từ|đến|chậm nhất)\b|\d)"
)
# "… giảm tối đa giấy tờ trong năm 2025 (Phụ lục II kèm theo).": the reference to an
# appendix after the deadline (kept in the notes).
_APPENDIX_REF_RE = re.compile(r"[\s*_]*\((?:theo |xem |tại )?Phụ lục[^()]{0,60}\)[\s*_.]*$", re.I)
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
_ITALIC_EDGE_RE = re.compile(r"^\*(?=[^*\s])|(?<=[^*\s])\*$")
# The gazette's running head, atop each page of its PDF's text (round 19): "CÔNG BÁO/Số 1091 +
# 1092/Ngày 03-11-2023"; a whole line in prose (``_PAGE_LINE_RE``), a line's start inside a task
# table's cells (``serialcells._RUNNING_HEAD_RE``).
GAZETTE_HEAD = r"CÔNG BÁO\s*/\s*Số"
# Page numbers and the page-break lines converters print ("--- PAGE BREAK ---").
_PAGE_LINE_RE = re.compile(
    r"^(?:[-–\s]*\d{1,4}[-–\s]*|(?:Trang|trang)\s+\d+(?:\s*/\s*\d+)?|"
    r"[-=_\s]*(?:PAGE BREAK|Page break|\f)[-=_\s]*|"
    rf"{GAZETTE_HEAD}\s+\d[\d\s+]*/\s*Ngày\s+\d{{1,2}}-\d{{1,2}}-\d{{4}})$"
)

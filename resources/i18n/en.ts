<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
<context>
    <name></name>
    <message>
        <location filename="../../ui/guidance_text.py" line="104"/>
        <source>cán bộ sẽ báo</source>
        <translation>the officer will tell you</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="106"/>
        <source>miễn phí</source>
        <translation>free</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="107"/>
        <source>{amount} đồng</source>
        <translation>{amount} VND</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="119"/>
        <location filename="../../ui/guidance_text.py" line="275"/>
        <source>Mã hồ sơ: {code}</source>
        <translation>Dossier code: {code}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="121"/>
        <location filename="../../ui/guidance_text.py" line="277"/>
        <source>Số tham chiếu: {ref} (mã hồ sơ sẽ được gửi sau)</source>
        <translation>Reference: {ref} (the dossier code will be sent later)</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="123"/>
        <location filename="../../ui/guidance_text.py" line="279"/>
        <source>Ngày hẹn trả kết quả: {day}</source>
        <translation>Result due on: {day}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="140"/>
        <source>Nơi tiếp nhận: {office}</source>
        <translation>Receiving office: {office}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="143"/>
        <source>Xin chào ông/bà</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="145"/>
        <source>Cán bộ sẽ giúp ông/bà nộp hồ sơ trực tuyến ngay tại quầy; màn hình này cho biết từng việc đang làm để lần sau ông/bà có thể tự làm.</source>
        <translation>The officer will help you file your dossier online right here at the counter; this screen shows each step so that next time you can do it yourself.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="165"/>
        <source>Hồ sơ của: {applicant}</source>
        <translation>Dossier for: {applicant}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="171"/>
        <source>Số hộ chiếu: {masked}</source>
        <translation>Passport number: {masked}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="173"/>
        <source>Số định danh: {masked}</source>
        <translation>ID number: {masked}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="175"/>
        <source>Đọc hộ chiếu</source>
        <translation>Reading the passport</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="177"/>
        <source>Cán bộ nhập dòng mã ở cuối trang thông tin hộ chiếu để điền sẵn họ tên, số hộ chiếu và quốc tịch của ông/bà, không phải viết tay và không sợ ghi nhầm.</source>
        <translation>The officer enters the code lines at the bottom of your passport&apos;s data page to fill in your name, passport number and nationality, with no handwriting and no copying mistakes.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="181"/>
        <source>Đọc thẻ căn cước người nộp thay</source>
        <translation>Reading the representative&apos;s ID card</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="183"/>
        <source>Cán bộ quét mã QR trên thẻ căn cước của người nộp thay để ghi nhận ai mang hồ sơ đến; hồ sơ vẫn đứng tên người, tổ chức được nộp thay.</source>
        <translation>The officer scans the QR code on the representative&apos;s ID card to record who brought the dossier; the dossier stays in the name of the person or organisation represented.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="187"/>
        <source>Đọc thẻ căn cước</source>
        <translation>Reading the ID card</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="189"/>
        <source>Cán bộ quét mã QR trên thẻ căn cước để điền sẵn họ tên và số định danh của ông/bà, không phải viết tay và không sợ ghi nhầm.</source>
        <translation>The officer scans the QR code on your ID card to fill in your name and ID number, with no handwriting and no typing mistakes.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="200"/>
        <source>Thủ tục: {name}</source>
        <translation>Procedure: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="201"/>
        <source>Lệ phí: {fee}</source>
        <translation>Fee: {fee}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="203"/>
        <source>Thời hạn giải quyết: {days} ngày làm việc</source>
        <translation>Processing time: {days} working days</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="206"/>
        <source>Chọn thủ tục</source>
        <translation>Choose procedure</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="208"/>
        <source>Cán bộ chọn đúng thủ tục ông/bà cần làm; ông/bà xem lại tên thủ tục, lệ phí và thời hạn giải quyết dưới đây.</source>
        <translation>The officer picks the procedure you need; please check its name, the fee and the processing time below.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="218"/>
        <source>Giấy tờ: {name}</source>
        <translation>Document: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="222"/>
        <source>Trang {page}/{pages}</source>
        <translation>Page {page}/{pages}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="226"/>
        <source>Quét giấy tờ</source>
        <translation>Scan papers</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="228"/>
        <source>Từng trang giấy tờ được quét thành bản điện tử để gửi qua mạng, nên cơ quan giải quyết không cần bản giấy và lần sau giấy tờ này có thể được dùng lại.</source>
        <translation>Each page is scanned into an electronic copy sent over the network, so the deciding agency needs no paper and this document can be reused next time.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="237"/>
        <source>Số giấy tờ được ký: {count}</source>
        <translation>Documents signed: {count}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="240"/>
        <source>Ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="242"/>
        <source>Cán bộ ký số để xác nhận bản điện tử đúng với giấy tờ ông/bà mang đến, giống như ký tên và đóng dấu trên giấy.</source>
        <translation>The officer signs digitally to confirm the electronic copies match the papers you brought, like signing and stamping on paper.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="251"/>
        <source>Đường truyền đang gián đoạn: hồ sơ đã được lưu và sẽ tự gửi ngay khi có mạng.</source>
        <translation>The connection is down: your dossier is saved and will be sent automatically as soon as the network is back.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="257"/>
        <source>Nộp trực tuyến</source>
        <translation>File online</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="259"/>
        <source>Hồ sơ đứng tên ông/bà đang được gửi lên Cổng dịch vụ công; từ lần sau ông/bà có thể tự làm việc này trên VNeID hoặc Cổng dịch vụ công.</source>
        <translation>Your dossier is being sent in your name to the Public Service Portal; from next time you can do this yourself on VNeID or the Public Service Portal.</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="282"/>
        <source>Phiếu hẹn trả kết quả</source>
        <translation>Appointment receipt</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_text.py" line="284"/>
        <source>Hồ sơ đã được tiếp nhận; ông/bà giữ phiếu hẹn và quét mã QR bằng điện thoại để theo dõi hồ sơ đến khi có kết quả.</source>
        <translation>Your dossier has been received; keep the receipt and scan the QR code with your phone to follow the dossier until the result is ready.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="92"/>
        <source>Đặt lại trang vào máy rồi bấm «Quét» (F5): trang mới thay đúng chỗ trang cũ.</source>
        <translation>Put the page back in the scanner and press “Scan” (F5): the new page replaces the old one in place.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="97"/>
        <source>Đặt trang cần chèn vào máy rồi bấm «Quét» (F5): trang mới vào trước trang {n}.</source>
        <translation>Put the page to insert in the scanner and press “Scan” (F5): the new page goes before page {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="123"/>
        <source>Đã chụp và lưu 1 trang.</source>
        <translation>Captured and saved 1 page.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="125"/>
        <source>Trang có vẻ để trắng (viền đỏ): kiểm tra lại.</source>
        <translation>The page looks blank (red frame): please check it.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="129"/>
        <source>Ảnh chụp chỉ đạt khoảng {dpi} dpi, dưới chuẩn 200 dpi: đưa camera lại gần hơn, dùng camera độ phân giải cao hơn, hoặc quét bằng máy quét.</source>
        <translation>The photo only reaches about {dpi} dpi, below the 200 dpi standard: bring the camera closer, use a higher-resolution camera, or use a scanner.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="135"/>
        <source>Đã cập nhật các trang.</source>
        <translation>Pages updated.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="150"/>
        <source>Đang sắp xếp lại các trang…</source>
        <translation>Reordering the pages…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="153"/>
        <source>Đang xoay trang…</source>
        <translation>Rotating the page…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="156"/>
        <source>Đang xóa trang…</source>
        <translation>Deleting the page…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="162"/>
        <source>Chọn một thành phần hồ sơ trước khi chụp.</source>
        <translation>Choose a dossier component before capturing.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_page_edits.py" line="174"/>
        <source>Đang làm sạch và lưu ảnh chụp…</source>
        <translation>Cleaning and saving the capture…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_summary.py" line="36"/>
        <source>Chủ hồ sơ ({kind}): &lt;b&gt;{name}&lt;/b&gt; — {what} {identifier}</source>
        <translation>Applicant ({kind}): &lt;b&gt;{name}&lt;/b&gt; — {what} {identifier}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_summary.py" line="47"/>
        <source>Người nộp thay ({role}): &lt;b&gt;{name}&lt;/b&gt; — số định danh {number}</source>
        <translation>Representative ({role}): &lt;b&gt;{name}&lt;/b&gt; — ID number {number}</translation>
    </message>
</context>
<context>
    <name>AgencyForm</name>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="197"/>
        <source>Mã cơ quan:</source>
        <translation>Agency code:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="198"/>
        <source>mã định danh (vd 000.00.01.H31) hoặc mã quan hệ ngân sách 7 số</source>
        <translation>identification code (e.g. 000.00.01.H31) or 7-digit budget code</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="200"/>
        <source>cơ quan</source>
        <translation>agency</translation>
    </message>
</context>
<context>
    <name>ApplicantChoice</name>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="36"/>
        <source>Cá nhân</source>
        <translation>Individual</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="37"/>
        <source>Tổ chức, doanh nghiệp</source>
        <translation>Organisation, business</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="38"/>
        <source>Cơ quan nhà nước</source>
        <translation>State agency</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="39"/>
        <source>Người nước ngoài</source>
        <translation>Foreign national</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="48"/>
        <source>Chủ hồ sơ: cá nhân được nộp thay</source>
        <translation>Applicant: person represented</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="49"/>
        <source>Chủ hồ sơ: tổ chức, doanh nghiệp</source>
        <translation>Applicant: organisation, business</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="50"/>
        <source>Chủ hồ sơ: cơ quan nhà nước</source>
        <translation>Applicant: state agency</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="51"/>
        <source>Chủ hồ sơ: người nước ngoài (hộ chiếu)</source>
        <translation>Applicant: foreign national (passport)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="66"/>
        <source>Người nộp hồ sơ là cá nhân, tổ chức, cơ quan hay người nước ngoài (Alt+P)</source>
        <translation>Whether the applicant is an individual, an organisation, a state agency or a foreign national (Alt+P)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="68"/>
        <source>Người nộp hồ sơ:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="70"/>
        <source>Người nộp thay</source>
        <translation>Representative</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="71"/>
        <location filename="../../ui/intake/applicant_choice.py" line="230"/>
        <source>Người đến quầy nộp thay cho chủ hồ sơ (Alt+T)</source>
        <translation>Someone comes to the counter on the applicant&apos;s behalf (Alt+T)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="73"/>
        <source>Tư cách của người nộp thay</source>
        <translation>The representative&apos;s capacity</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="74"/>
        <source>với tư cách:</source>
        <translation>as:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="101"/>
        <source>Xác nhận chủ hồ sơ (Enter)</source>
        <translation>Confirm applicant (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_choice.py" line="228"/>
        <source>Tổ chức, cơ quan luôn nộp qua người đại diện: đọc thẻ căn cước của người đến nộp.</source>
        <translation>Organisations and agencies always file through a representative: read the ID card of the person at the counter.</translation>
    </message>
</context>
<context>
    <name>CameraPane</name>
    <message>
        <location filename="../../ui/widgets/scan_camera_pane.py" line="37"/>
        <source>Tự chụp khi trang đứng &amp;yên</source>
        <translation>Capture automatically when the page is s&amp;till</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_camera_pane.py" line="39"/>
        <source>Chụp một lần khi khung trang đứng yên khoảng 1 giây</source>
        <translation>Capture once when the page outline has been still for about 1 second</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_camera_pane.py" line="41"/>
        <source>&amp;Nhận khung lại</source>
        <translation>Re-&amp;detect outline</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_camera_pane.py" line="42"/>
        <source>Bỏ các góc đã kéo tay, để máy tự nhận khung trang</source>
        <translation>Discard the corners dragged by hand and let the page outline be detected again</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_camera_pane.py" line="91"/>
        <source>{fps:.0f} khung hình/giây</source>
        <translation>{fps:.0f} frames/second</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_camera_pane.py" line="102"/>
        <source>Camera đã ngừng gửi hình.</source>
        <translation>The camera stopped sending pictures.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_camera_pane.py" line="114"/>
        <source>Đã chỉnh khung bằng tay: bấm Space để chụp.</source>
        <translation>Outline corrected by hand: press Space to capture.</translation>
    </message>
</context>
<context>
    <name>CameraPicker</name>
    <message>
        <location filename="../../ui/widgets/id_camera_picker.py" line="32"/>
        <source>Chọn camera dùng để đọc thẻ</source>
        <translation>Choose the camera that reads the card</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <location filename="../../ui/widgets/scan_camera.py" line="188"/>
        <source>Xem trước camera</source>
        <translation>Camera preview</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_camera.py" line="191"/>
        <source>Kéo các góc xanh để chỉnh khung trang. Space: chụp ngay. Tự chụp khi trang đứng yên ~1 giây.</source>
        <translation>Drag the green corners to correct the page outline. Space: capture now. Captures by itself when the page is still for ~1 second.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_camera.py" line="246"/>
        <source>Đang mở camera…</source>
        <translation>Opening the camera…</translation>
    </message>
</context>
<context>
    <name>CertificatePickerDialog</name>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="77"/>
        <source>Chọn chứng thư số để ký</source>
        <translation>Choose the signing certificate</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="81"/>
        <source>CHỨNG THƯ DEMO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ</source>
        <translation>DEMO CERTIFICATE — NO LEGAL VALIDITY</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="85"/>
        <location filename="../../ui/widgets/sign_picker.py" line="149"/>
        <source>Đang tìm thiết bị ký số (USB token)…</source>
        <translation>Looking for signing devices (USB tokens)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="112"/>
        <source>&amp;Ký bằng chứng thư này</source>
        <translation>&amp;Sign with this certificate</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="113"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="116"/>
        <source>&amp;Làm mới</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="117"/>
        <source>Đọc lại danh sách token đang cắm (F5)</source>
        <translation>Read the plugged-in tokens again (F5)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="118"/>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="119"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="169"/>
        <source>Không tìm thấy USB token: chữ ký sẽ dùng chứng thư DEMO, chỉ để thử nghiệm và đào tạo.</source>
        <translation>No USB token found: the signature will use the DEMO certificate, for testing and training only.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="174"/>
        <source>Chưa cắm thiết bị ký số (USB token). Cắm token, chờ đèn sáng rồi bấm «Làm mới».</source>
        <translation>No signing device (USB token) is plugged in. Plug in the token, wait for its light, then press “Refresh”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="180"/>
        <source>{n} token, {u} chứng thư dùng để ký được. Chứng thư màu xám không chọn được.</source>
        <translation>{n} token(s), {u} certificate(s) usable for signing. Greyed certificates cannot be chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="185"/>
        <source>Không dùng được {path}: {message}</source>
        <translation>Cannot use {path}: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="204"/>
        <source>Dùng để ký được</source>
        <translation>Usable for signing</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="206"/>
        <source>Không chọn được: {reason}</source>
        <translation>Cannot be chosen: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="232"/>
        <source>Cấp bởi: {issuer} · Số hiệu: {serial} · Khóa: {alg}</source>
        <translation>Issued by: {issuer} · Serial: {serial} · Key: {alg}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_picker.py" line="235"/>
        <source>Hiệu lực: {validity} · Mục đích: {usage}</source>
        <translation>Validity: {validity} · Usage: {usage}</translation>
    </message>
</context>
<context>
    <name>ChipPanel</name>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="60"/>
        <source>ngày hết hạn trên thẻ</source>
        <translation>as on the card</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="62"/>
        <source>Ước tính từ ngày sinh và ngày cấp; sửa theo ngày in trên thẻ nếu chip không mở.</source>
        <translation>Estimated from the dates of birth and issue; correct it to the date printed on the card if the chip does not open.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="65"/>
        <source>Đọc c&amp;hip (F6)</source>
        <translation>Read c&amp;hip (F6)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="66"/>
        <source>Đọc chip thẻ căn cước trên đầu đọc thẻ (cần số thẻ và ngày sinh)</source>
        <translation>Read the ID card&apos;s chip on the card reader (needs the card number and date of birth)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="68"/>
        <source>Hủy đọc chip</source>
        <translation>Cancel chip read</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="79"/>
        <source>Hết hạn:</source>
        <translation>Expires:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="101"/>
        <location filename="../../ui/widgets/id_chip.py" line="114"/>
        <source>không thời hạn</source>
        <translation>no expiry</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="132"/>
        <source>Đặt thẻ lên đầu đọc…</source>
        <translation>Place the card on the reader…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_chip.py" line="169"/>
        <source>Đã thôi đọc chip.</source>
        <translation>Chip read cancelled.</translation>
    </message>
</context>
<context>
    <name>CitizenPage</name>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="49"/>
        <source>đọc mã QR trên thẻ bằng camera</source>
        <translation>card QR code read by camera</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="50"/>
        <source>đọc mã QR từ ảnh hoặc bản quét thẻ</source>
        <translation>card QR code read from an image or scan</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="51"/>
        <source>đọc mã QR bằng máy đọc cầm tay</source>
        <translation>QR code read by the handheld reader</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="52"/>
        <source>đọc dòng MRZ mặt sau thẻ</source>
        <translation>MRZ lines read on the back of the card</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="53"/>
        <source>đọc chip thẻ, dữ liệu đã xác thực chữ ký cơ quan cấp</source>
        <translation>card chip read, data verified against the issuer&apos;s signature</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="54"/>
        <source>đọc chip thẻ, chưa xác thực được (thiếu chứng thư CSCA)</source>
        <translation>card chip read, not verified (CSCA certificate missing)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="57"/>
        <source>nhập tay, đã kiểm tra như mã QR</source>
        <translation>typed in, checked like a QR code</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="60"/>
        <source>nhập mã MRZ hộ chiếu, đã kiểm tra các chữ số kiểm tra</source>
        <translation>passport MRZ typed in, check digits verified</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="115"/>
        <source>Người nộp là cán bộ, công chức, &amp;viên chức</source>
        <translation>The applicant is a &amp;civil servant or public employee</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="117"/>
        <source>Kê&amp;nh nộp:</source>
        <translation>Filing cha&amp;nnel:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="124"/>
        <source>Công dân đã từng nộp hồ sơ</source>
        <translation>Returning citizen</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="126"/>
        <source>Hồ sơ trước đây:</source>
        <translation>Earlier dossiers:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="128"/>
        <source>Giấy tờ đã số hóa, đã ký — có thể tái sử dụng:</source>
        <translation>Digitised, signed documents — may be reused:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="184"/>
        <source>Thẻ căn cước của người nộp thay</source>
        <translation>Representative&apos;s ID card</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="186"/>
        <source>Thông tin trên thẻ căn cước</source>
        <translation>Details on the ID card</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="189"/>
        <source>&amp;Xác nhận người nộp thay</source>
        <translation>&amp;Confirm representative</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="189"/>
        <source>&amp;Xác nhận công dân</source>
        <translation>&amp;Confirm citizen</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="229"/>
        <source>Đã đọc thẻ của người nộp thay. Nhập thông tin chủ hồ sơ rồi nhấn Enter.</source>
        <translation>The representative&apos;s card has been read. Enter the applicant&apos;s details, then press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="256"/>
        <source>Còn thiếu người nộp thay: đọc thẻ căn cước của người đến nộp (camera F2, máy đọc cầm tay, chip F6, mở ảnh Ctrl+O) hoặc nhập tay rồi nhấn Enter.</source>
        <translation>The representative is missing: read the ID card of the person at the counter (camera F2, handheld reader, chip F6, open image Ctrl+O) or type it in, then press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="278"/>
        <source>Đang lưu người nộp hồ sơ…</source>
        <translation>Saving the applicant…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="294"/>
        <source>Thông tin công dân mâu thuẫn</source>
        <translation>Inconsistent citizen details</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="295"/>
        <source>Thông tin đọc được có điểm không hợp lý:</source>
        <translation>Some of the details read do not make sense:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="299"/>
        <source>Đối chiếu với thẻ căn cước. Thẻ ghi đúng như vậy và vẫn tiếp nhận?</source>
        <translation>Compare them with the ID card. Does the card say exactly this, and should the dossier still be received?</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="301"/>
        <source>Đúng như thẻ, tiếp nhận</source>
        <translation>As on the card, receive</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="302"/>
        <source>Không, đọc/nhập lại</source>
        <translation>No, read/type again</translation>
    </message>
    <message>
        <location filename="../../ui/intake/citizen_page.py" line="381"/>
        <source>{name} (hồ sơ {ref}, {pages} trang)</source>
        <translation>{name} (dossier {ref}, {pages} pages)</translation>
    </message>
</context>
<context>
    <name>CitizenRequestDialog</name>
    <message>
        <location filename="../../ui/pages/privacy.py" line="57"/>
        <source>12 chữ số trên thẻ căn cước</source>
        <translation>12 digits on the ID card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="60"/>
        <source>Công dân đã yêu cầu xóa; tôi hiểu việc xóa không hoàn tác được.</source>
        <translation>The citizen asked for erasure; I understand that erasing cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="65"/>
        <source>Số định danh công dân:</source>
        <translation>Citizen&apos;s ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="67"/>
        <source>Mã PIN lãnh đạo bộ phận:</source>
        <translation>Supervisor&apos;s PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="84"/>
        <source>Số định danh phải gồm 12 chữ số.</source>
        <translation>The ID number must have 12 digits.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="87"/>
        <source>Hãy đánh dấu xác nhận trước khi xóa.</source>
        <translation>Tick the confirmation before erasing.</translation>
    </message>
</context>
<context>
    <name>ComponentsPage</name>
    <message>
        <location filename="../../ui/intake/components_page.py" line="76"/>
        <source>Nhập từ tệp…</source>
        <translation>Import from file…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="77"/>
        <source>Thêm trang từ ảnh hoặc tệp PDF (Ctrl+O)</source>
        <translation>Add pages from images or PDF files (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="80"/>
        <source>Tái &amp;sử dụng</source>
        <translation>Re&amp;use</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="82"/>
        <source>&amp;Không cung cấp</source>
        <translation>&amp;Not provided</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="83"/>
        <source>Công dân không nộp thành phần này</source>
        <translation>The citizen does not hand in this component</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="85"/>
        <source>Đã xem &amp;bản chính</source>
        <translation>&amp;Original seen</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="91"/>
        <source>Tạo &amp;PDF cho hồ sơ</source>
        <translation>Build &amp;PDFs for the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="92"/>
        <source>Kết thúc quét và tạo PDF cho từng thành phần (Ctrl+B)</source>
        <translation>Finish scanning and build one PDF per component (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="108"/>
        <source>Thành phần hồ sơ (✱ bắt buộc):</source>
        <translation>Dossier components (✱ required):</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="139"/>
        <source>Còn thiếu {n} thành phần bắt buộc.</source>
        <translation>{n} required components still missing.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="142"/>
        <source>⚠ Cần bổ sung: {reason}</source>
        <translation>⚠ To supply: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="154"/>
        <source>🛡 Tệp «{file}» ({component}): đã gỡ {removed}.</source>
        <translation>🛡 File “{file}” ({component}): {removed} removed.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="198"/>
        <source>chưa có</source>
        <translation>missing</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="199"/>
        <source>{n} trang đã quét</source>
        <translation>{n} pages scanned</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="200"/>
        <source>PDF {n} trang</source>
        <translation>PDF, {n} pages</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="201"/>
        <source>PDF {n} trang, đã ký</source>
        <translation>PDF, {n} pages, signed</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="202"/>
        <source>tái sử dụng bản đã ký</source>
        <translation>signed copy reused</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="203"/>
        <source>không cung cấp</source>
        <translation>not provided</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="206"/>
        <source> · đã xem bản chính</source>
        <translation> · original seen</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="208"/>
        <source> · ⚠ cần bổ sung</source>
        <translation> · ⚠ to supply</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="210"/>
        <source> · ⏳ đang nhập trang…</source>
        <translation> · ⏳ importing pages…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="212"/>
        <source> · ⚠ {n} trang đen trắng (bản số hóa phải là ảnh màu)</source>
        <translation> · ⚠ {n} black-and-white pages (digitised copies must be in colour)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="261"/>
        <source>Dùng lại bản đã ký trong hồ sơ {ref} ({pages} trang)</source>
        <translation>Reuse the signed copy from dossier {ref} ({pages} pages)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="265"/>
        <source>Công dân chưa có bản đã ký của giấy tờ này</source>
        <translation>The citizen has no signed copy of this document yet</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="283"/>
        <source>Đang tải lại hồ sơ…</source>
        <translation>Reloading the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="334"/>
        <source>Chọn ảnh hoặc tệp PDF</source>
        <translation>Choose images or PDF files</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="350"/>
        <source>Đang nhập trang từ tệp…</source>
        <translation>Importing pages from files…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="401"/>
        <source>Đang tái sử dụng giấy tờ đã ký…</source>
        <translation>Reusing the signed document…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="406"/>
        <location filename="../../ui/intake/components_page.py" line="410"/>
        <source>Đang ghi nhận…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/components_page.py" line="420"/>
        <source>Đang tạo các tệp PDF…</source>
        <translation>Building the PDFs…</translation>
    </message>
</context>
<context>
    <name>ConfigBanner</name>
    <message>
        <location filename="../../ui/widgets/config_banner.py" line="29"/>
        <source>Xem chi tiết</source>
        <translation>Show details</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/config_banner.py" line="46"/>
        <source>&lt;b&gt;ĐANG CHẠY CHẾ ĐỘ DEMO VÌ CẤU HÌNH LỖI&lt;/b&gt;: hồ sơ không gửi lên cổng thật. Báo bộ phận CNTT sửa cấu hình rồi mở lại ứng dụng.</source>
        <translation>&lt;b&gt;RUNNING IN DEMO MODE BECAUSE OF A CONFIGURATION ERROR&lt;/b&gt;: dossiers are not sent to the real portal. Ask IT to fix the configuration, then reopen the application.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/config_banner.py" line="52"/>
        <source>&lt;b&gt;CHẾ ĐỘ ĐÀO TẠO&lt;/b&gt;: hồ sơ nộp vào cổng thử nghiệm, không gửi lên cổng thật.</source>
        <translation>&lt;b&gt;TRAINING MODE&lt;/b&gt;: dossiers are filed to the sandbox portal, never to the real one.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/config_banner.py" line="56"/>
        <source>Cấu hình có {n} vấn đề:</source>
        <translation>The configuration has {n} problem(s):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/config_banner.py" line="60"/>
        <source>… và {n} vấn đề khác (xem chi tiết).</source>
        <translation>… and {n} more (see the details).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/config_banner.py" line="67"/>
        <source>cả tệp</source>
        <translation>whole file</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/config_banner.py" line="68"/>
        <source>{file} — {option}: {message}</source>
        <translation>{file} — {option}: {message}</translation>
    </message>
</context>
<context>
    <name>ContactFields</name>
    <message>
        <location filename="../../ui/intake/contact_fields.py" line="19"/>
        <source>Di động 10 số (09…, 03…) hoặc số cố định có mã vùng</source>
        <translation>10-digit mobile (09…, 03…) or landline with area code</translation>
    </message>
    <message>
        <location filename="../../ui/intake/contact_fields.py" line="21"/>
        <source>ten@vidu.vn (không bắt buộc)</source>
        <translation>name@example.vn (optional)</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="26"/>
        <source>ĐÀO TẠO</source>
        <translation>TRAINING</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="30"/>
        <source>Hồ sơ được nộp vào cổng thử nghiệm, không gửi lên cổng dịch vụ công thật.</source>
        <translation>Dossiers are filed to the sandbox portal, never to the real public service portal.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="33"/>
        <source>Đơn vị: {name}</source>
        <translation>Office: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="34"/>
        <source>Cán bộ: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="38"/>
        <source>Đang kiểm tra thiết bị…</source>
        <translation>Checking devices…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="43"/>
        <location filename="../../ui/status_bar.py" line="64"/>
        <source>{mark} Token: {n}</source>
        <translation>{mark} Tokens: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="45"/>
        <location filename="../../ui/status_bar.py" line="66"/>
        <source>{mark} Không có token (ký DEMO)</source>
        <translation>{mark} No token (DEMO signing)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="57"/>
        <source>{mark} Máy quét: {n} · Camera: {c}</source>
        <translation>{mark} Scanners: {n} · Cameras: {c}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="69"/>
        <source>{mark} Cổng DVC</source>
        <translation>{mark} Portal</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="72"/>
        <source>{mark} Đồng bộ</source>
        <translation>{mark} Sync</translation>
    </message>
</context>
<context>
    <name>DashboardSection</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="149"/>
        <location filename="../../ui/pages/dashboard.py" line="270"/>
        <source>Đang tải số liệu…</source>
        <translation>Loading figures…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="151"/>
        <source>&amp;Làm mới</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="210"/>
        <source>toàn bộ phận</source>
        <translation>whole office</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="210"/>
        <source>của tôi</source>
        <translation>mine</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="186"/>
        <source>Hồ sơ tiếp nhận và nộp trực tuyến theo ngày</source>
        <translation>Dossiers received and filed online per day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="187"/>
        <source>Tỉ lệ trực tuyến theo ngày so với chỉ tiêu</source>
        <translation>Daily online rate against the target</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="197"/>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="198"/>
        <source>Theo thủ tục</source>
        <translation>By procedure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="213"/>
        <source>Theo cán bộ</source>
        <translation>By officer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="47"/>
        <location filename="../../ui/pages/dashboard.py" line="301"/>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="46"/>
        <source>Nhóm</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="48"/>
        <location filename="../../ui/pages/dashboard.py" line="302"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="49"/>
        <source>Số hóa</source>
        <translation>Digitised</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="50"/>
        <source>Tái sử dụng</source>
        <translation>Reused</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="51"/>
        <source>Hướng dẫn</source>
        <translation>Guided</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="52"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="53"/>
        <source>Trung vị tiếp nhận (giây)</source>
        <translation>Median intake (s)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="154"/>
        <source>Xuất &amp;báo cáo…</source>
        <translation>&amp;Export report…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="161"/>
        <source>Xem &amp;toàn bộ phận…</source>
        <translation>View the whole &amp;office…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="162"/>
        <source>Lãnh đạo bộ phận nhập mã PIN để xem số liệu của mọi cán bộ</source>
        <translation>The office supervisor enters the PIN to see every officer&apos;s figures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="170"/>
        <source>Kỳ báo cáo:</source>
        <translation>Report period:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="218"/>
        <source>Dữ liệu cá nhân</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="256"/>
        <source>Không kiểm tra được mã PIN: {m} {h}</source>
        <translation>Could not check the PIN: {m} {h}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="293"/>
        <source>&lt;b&gt;Hôm nay ({d}): {n} hồ sơ đã tiếp nhận&lt;/b&gt;</source>
        <translation>&lt;b&gt;Today ({d}): {n} dossiers received&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="308"/>
        <source>Tỉ lệ trực tuyến</source>
        <translation>Online rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="317"/>
        <source>Tháng {m}: {n} hồ sơ tiếp nhận. Hàng đợi nộp: {p} đang chờ, {a} cần xử lý.</source>
        <translation>Month {m}: {n} dossiers received. Submission queue: {p} waiting, {a} need attention.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="343"/>
        <source>Xuất báo cáo</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="352"/>
        <source>Đang lập báo cáo kỳ {m}…</source>
        <translation>Preparing the report for {m}…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="343"/>
        <source>Excel (*.xlsx);;PDF (*.pdf)</source>
        <translation>Excel (*.xlsx);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="365"/>
        <source>Đã lưu báo cáo: {p}</source>
        <translation>Report saved: {p}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="371"/>
        <source>Không tải được số liệu: {m} {h}</source>
        <translation>Could not load the figures: {m} {h}</translation>
    </message>
</context>
<context>
    <name>DiagnosticsSection</name>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="40"/>
        <source>Chưa chạy chẩn đoán.</source>
        <translation>Diagnostics not run yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="41"/>
        <source>&amp;Chạy chẩn đoán</source>
        <translation>&amp;Run diagnostics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="43"/>
        <source>Mở thư mục &amp;dữ liệu</source>
        <translation>Open &amp;data folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="50"/>
        <source>Xuất gói &amp;hỗ trợ…</source>
        <translation>Export support &amp;bundle…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="57"/>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="57"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="63"/>
        <source>Tùy chọn</source>
        <translation>Option</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="63"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="63"/>
        <source>Nguồn</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="63"/>
        <source>Khóa</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="82"/>
        <source>Chẩn đoán</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="83"/>
        <source>Cấu hình</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="84"/>
        <source>Nhật ký</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="102"/>
        <source>✘ {file} — {option}: {message}</source>
        <translation>✘ {file} — {option}: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="103"/>
        <source>cả tệp</source>
        <translation>whole file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="131"/>
        <source>Đang kiểm tra thiết bị và kết nối…</source>
        <translation>Checking devices and connections…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="157"/>
        <source>Xuất gói hỗ trợ</source>
        <translation>Export support bundle</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="157"/>
        <source>Tệp zip (*.zip)</source>
        <translation>Zip file (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="166"/>
        <source>Đang tạo gói hỗ trợ…</source>
        <translation>Building the support bundle…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="178"/>
        <source>Đã lưu gói hỗ trợ: {p}. Gửi tệp này cho bộ phận CNTT.</source>
        <translation>Support bundle saved: {p}. Send this file to IT.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="185"/>
        <source>Chẩn đoán thất bại: {m}</source>
        <translation>Diagnostics failed: {m}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../ui/dialogs.py" line="16"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="30"/>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="31"/>
        <source>Ứng dụng gặp lỗi không mong muốn. Hồ sơ đang làm vẫn được giữ nguyên. Hãy sao chép chi tiết bên dưới và gửi cho bộ phận CNTT.</source>
        <translation>The application hit an unexpected error. The dossier in progress is kept as it was. Copy the details below and send them to IT.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="38"/>
        <source>Tệp báo lỗi: {path}</source>
        <translation>Crash report: {path}</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="56"/>
        <source>Đang mở…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="57"/>
        <source>◀ Trang trước</source>
        <translation>◀ Previous page</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="58"/>
        <source>Trang trước (PgUp, ←)</source>
        <translation>Previous page (PgUp, ←)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="60"/>
        <source>Trang sau ▶</source>
        <translation>Next page ▶</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="61"/>
        <source>Trang sau (PgDn, →)</source>
        <translation>Next page (PgDn, →)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="64"/>
        <source>Thu nhỏ (−, Ctrl+lăn chuột)</source>
        <translation>Zoom out (−, Ctrl+mouse wheel)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="67"/>
        <source>Phóng to (+, Ctrl+lăn chuột)</source>
        <translation>Zoom in (+, Ctrl+mouse wheel)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="69"/>
        <source>Vừa &amp;chiều rộng</source>
        <translation>Fit &amp;width</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="70"/>
        <source>Trang rộng bằng khung xem (W)</source>
        <translation>Make the page as wide as the view (W)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="72"/>
        <source>&amp;Cả trang</source>
        <translation>Whole &amp;page</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="73"/>
        <source>Thấy cả trang (0)</source>
        <translation>Show the whole page (0)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="148"/>
        <source>Thành phần này chưa có trang nào.</source>
        <translation>This component has no pages yet.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="156"/>
        <source>Đang dựng trang…</source>
        <translation>Rendering the page…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/document_viewer.py" line="202"/>
        <source>Trang {n}/{total}</source>
        <translation>Page {n}/{total}</translation>
    </message>
</context>
<context>
    <name>DossierExits</name>
    <message>
        <location filename="../../ui/intake/exits.py" line="134"/>
        <source>Yêu cầu bổ sung…</source>
        <translation>Request supplement…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="136"/>
        <source>Công dân cần bổ sung giấy tờ: ghi lý do, hồ sơ quay về bước Thành phần (Ctrl+Shift+B)</source>
        <translation>The citizen must supply papers: give the reason, the dossier goes back to the Components step (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="140"/>
        <source>Hủy hồ sơ…</source>
        <translation>Cancel dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="141"/>
        <source>Hủy hồ sơ đang mở, có ghi lý do (Ctrl+Shift+H)</source>
        <translation>Cancel the open dossier, with a reason (Ctrl+Shift+H)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="158"/>
        <source>Đang làm việc khác của hồ sơ; chờ xong.</source>
        <translation>Other work on the dossier is running; wait for it to finish.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="160"/>
        <source>Chưa có hồ sơ.</source>
        <translation>No dossier yet.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="162"/>
        <source>Không làm được ở trạng thái «{state}».</source>
        <translation>Not possible in the state “{state}”.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="201"/>
        <source>Đang ghi nhận yêu cầu bổ sung…</source>
        <translation>Recording the supplement request…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="211"/>
        <source>Hồ sơ {ref} chờ công dân bổ sung; các thành phần cần bổ sung được đánh dấu ⚠.</source>
        <translation>Dossier {ref} waits for the citizen&apos;s supplement; the components to supply are marked ⚠.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="244"/>
        <source>Hủy hồ sơ</source>
        <translation>Cancel dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="246"/>
        <source>Hủy hồ sơ {ref}? Hồ sơ rời màn hình tiếp nhận và không nộp lên cổng; nếu hồ sơ đang chờ gửi trong hàng đợi thì việc gửi cũng bị hủy. Các trang đã quét vẫn được lưu lại.</source>
        <translation>Cancel dossier {ref}? It leaves the intake screen and is not filed on the portal; if it is waiting in the queue, the sending is cancelled too. The scanned pages are kept.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="249"/>
        <source>&amp;Hủy hồ sơ</source>
        <translation>&amp;Cancel dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="261"/>
        <source>Đang hủy hồ sơ…</source>
        <translation>Cancelling the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="268"/>
        <source>Đã hủy hồ sơ {ref}.</source>
        <translation>Dossier {ref} cancelled.</translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../ui/pages/today.py" line="29"/>
        <source>Mã nội bộ</source>
        <translation>Local reference</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="30"/>
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="31"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="32"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="33"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="34"/>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="35"/>
        <source>Giờ tạo</source>
        <translation>Created</translation>
    </message>
</context>
<context>
    <name>ForeignerForm</name>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="230"/>
        <source>2 dòng mã MRZ cuối trang thông tin hộ chiếu (mỗi dòng 44 ký tự)</source>
        <translation>The 2 MRZ lines at the bottom of the passport&apos;s data page (44 characters each)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="243"/>
        <source>Đọc trang hộ chiếu… ({keys})</source>
        <translation>Read passport page… ({keys})</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="245"/>
        <source>Đọc 2 dòng MRZ từ ảnh chụp hoặc bản quét (ảnh, PDF) trang thông tin hộ chiếu</source>
        <translation>Read the 2 MRZ lines from a photo or scan (image, PDF) of the passport&apos;s data page</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="252"/>
        <source>Dừng (Esc)</source>
        <translation>Stop (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="262"/>
        <source>Mã MRZ trên hộ chiếu:</source>
        <translation>Passport MRZ:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="292"/>
        <source>Chọn ảnh chụp hoặc bản quét trang thông tin hộ chiếu</source>
        <translation>Choose a photo or scan of the passport&apos;s data page</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="294"/>
        <source>Ảnh hoặc PDF (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff *.pdf)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff *.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="306"/>
        <source>Đang đọc trang hộ chiếu «{name}»… (vài giây)</source>
        <translation>Reading the passport page “{name}”… (a few seconds)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="323"/>
        <source>✓ Đọc từ «{name}», đủ chữ số kiểm tra. So họ tên với trang hộ chiếu.</source>
        <translation>✓ Read from “{name}”, all check digits match. Compare the names with the passport page.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="348"/>
        <source>Đã dừng đọc trang hộ chiếu.</source>
        <translation>Stopped reading the passport page.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="392"/>
        <source>✓ Mã MRZ hợp lệ (đủ chữ số kiểm tra).</source>
        <translation>✓ Valid MRZ (all check digits match).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="401"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="402"/>
        <source>Số hộ chiếu</source>
        <translation>Passport number</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="403"/>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="404"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="405"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="406"/>
        <source>Hộ chiếu hết hạn</source>
        <translation>Passport expiry</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../ui/intake/form_dialog.py" line="26"/>
        <source>{name} (Mẫu {form})</source>
        <translation>{name} (Form {form})</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_dialog.py" line="28"/>
        <source>Đã lập &lt;b&gt;{name}&lt;/b&gt; cho hồ sơ {ref}. In và trao cho công dân.</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; made for dossier {ref}. Print it and hand it to the citizen.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_dialog.py" line="41"/>
        <source>&amp;In phiếu…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_dialog.py" line="45"/>
        <source>&amp;Lưu tệp PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_dialog.py" line="49"/>
        <source>Đó&amp;ng</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>FormPrinter</name>
    <message>
        <location filename="../../ui/intake/form_print.py" line="55"/>
        <source>Đang chuẩn bị in…</source>
        <translation>Preparing to print…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_print.py" line="62"/>
        <source>Máy in không nhận phiếu; chưa ghi nhận là đã in.</source>
        <translation>The printer did not accept the form; it is not recorded as printed.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_print.py" line="67"/>
        <source>Đã in phiếu ra tệp {path}.</source>
        <translation>Form printed to the file {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_print.py" line="72"/>
        <source>Đã gửi phiếu tới máy in {name}.</source>
        <translation>Form sent to the printer {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_print.py" line="82"/>
        <source>Đã lưu phiếu vào {path}.</source>
        <translation>Form saved to {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_print.py" line="83"/>
        <source>Đang lưu phiếu…</source>
        <translation>Saving the form…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_print.py" line="91"/>
        <source>Lưu phiếu</source>
        <translation>Save the form</translation>
    </message>
    <message>
        <location filename="../../ui/intake/form_print.py" line="91"/>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
</context>
<context>
    <name>GuidanceWindow</name>
    <message>
        <location filename="../../ui/guidance.py" line="91"/>
        <source>Hướng dẫn công dân — Bộ phận Một cửa</source>
        <translation>Citizen guide — One-Stop Counter</translation>
    </message>
    <message>
        <location filename="../../ui/guidance.py" line="94"/>
        <source>F11: bật/tắt toàn màn hình</source>
        <translation>F11: full screen on/off</translation>
    </message>
    <message>
        <location filename="../../ui/guidance.py" line="98"/>
        <source>Bộ phận Một cửa — Hướng dẫn nộp hồ sơ trực tuyến</source>
        <translation>One-Stop Counter — guide to filing online</translation>
    </message>
    <message>
        <location filename="../../ui/guidance.py" line="127"/>
        <source>Mã QR theo dõi hồ sơ</source>
        <translation>QR code to follow the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/guidance.py" line="128"/>
        <source>Quét mã để theo dõi hồ sơ</source>
        <translation>Scan to follow your dossier</translation>
    </message>
    <message>
        <location filename="../../ui/guidance.py" line="319"/>
        <source>Bước {n}/{total}: {title}</source>
        <translation>Step {n}/{total}: {title}</translation>
    </message>
    <message>
        <location filename="../../ui/guidance.py" line="329"/>
        <source>Việc của ông/bà: {part}</source>
        <translation>Your part: {part}</translation>
    </message>
</context>
<context>
    <name>IdCaptureWidget</name>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="91"/>
        <location filename="../../ui/widgets/id_capture.py" line="188"/>
        <source>Camera đang tắt. Nhấn F2 để bật.</source>
        <translation>The camera is off. Press F2 to turn it on.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="95"/>
        <location filename="../../ui/widgets/id_capture.py" line="319"/>
        <source>Bật ca&amp;mera</source>
        <translation>Turn ca&amp;mera on</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="96"/>
        <source>Bật/tắt camera đọc mã QR trên thẻ (F2)</source>
        <translation>Turn the camera that reads the card&apos;s QR code on/off (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="100"/>
        <source>Mở ảnh/&amp;bản quét…</source>
        <translation>Open image/&amp;scan…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="101"/>
        <source>Đọc mã QR từ ảnh chụp hoặc bản quét thẻ căn cước (Ctrl+O)</source>
        <translation>Read the QR code from a photo or scan of the ID card (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="103"/>
        <source>Đọc &amp;lại</source>
        <translation>Read &amp;again</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="104"/>
        <source>Đọc lại thẻ đang đặt trước camera</source>
        <translation>Read the card in front of the camera again</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="109"/>
        <source>Hủ&amp;y</source>
        <translation>Cance&amp;l</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="110"/>
        <source>Thôi đọc ảnh (Esc)</source>
        <translation>Stop reading the image (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="136"/>
        <source>Thông tin trên thẻ căn cước</source>
        <translation>Details on the ID card</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="218"/>
        <source>Chọn ảnh chụp hoặc bản quét thẻ căn cước</source>
        <translation>Choose a photo or scan of the ID card</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="220"/>
        <source>Ảnh (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="228"/>
        <source>Đang đọc ảnh «{name}»…</source>
        <translation>Reading image “{name}”…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="272"/>
        <source>✓ Đọc thành công: {name} — {number}</source>
        <translation>✓ Read successfully: {name} — {number}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="276"/>
        <source>Cần xem lại: {warnings}</source>
        <translation>Please check: {warnings}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="280"/>
        <source>✓ Đọc thành công</source>
        <translation>✓ Read successfully</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="306"/>
        <source>✓ Đã nhận thông tin nhập tay: {name}</source>
        <translation>✓ Manually entered details accepted: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="319"/>
        <source>Tắt ca&amp;mera</source>
        <translation>Turn ca&amp;mera off</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="321"/>
        <source>Đang mở camera…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="329"/>
        <source>Máy này không có camera (hoặc camera đang bận).

Dùng máy đọc cầm tay, mở ảnh (Ctrl+O) hoặc nhập tay; cắm camera rồi nhấn F2 để bật.</source>
        <translation>This computer has no camera (or the camera is busy).

Use the handheld reader, open an image (Ctrl+O) or type the details; plug in a camera and press F2 to turn it on.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="338"/>
        <source>Vẫn có thể dùng máy đọc cầm tay, mở ảnh hoặc nhập tay.</source>
        <translation>You can still use the handheld reader, open an image or type the details.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_capture.py" line="350"/>
        <source>Đưa mặt có mã QR của thẻ căn cước vào camera, quét bằng máy đọc cầm tay, mở ảnh (Ctrl+O) hoặc nhập tay.</source>
        <translation>Hold the QR side of the ID card to the camera, scan it with the handheld reader, open an image (Ctrl+O) or type the details.</translation>
    </message>
</context>
<context>
    <name>IdForm</name>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="39"/>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="40"/>
        <source>9 hoặc 12 chữ số, không bắt buộc</source>
        <translation>9 or 12 digits, optional</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="41"/>
        <source>như trên thẻ</source>
        <translation>as on the card</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="42"/>
        <location filename="../../ui/widgets/id_form.py" line="48"/>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="47"/>
        <source>nơi thường trú</source>
        <translation>permanent residence</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="49"/>
        <source>&amp;Xác nhận công dân</source>
        <translation>&amp;Confirm citizen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="50"/>
        <source>Dùng thông tin này cho hồ sơ (Enter)</source>
        <translation>Use these details for the dossier (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="55"/>
        <source>Số CCCD / định &amp;danh:</source>
        <translation>ID card / personal &amp;number:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="56"/>
        <source>Số CMND c&amp;ũ:</source>
        <translation>&amp;Old ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="57"/>
        <source>&amp;Họ và tên:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="58"/>
        <source>Ngày &amp;sinh:</source>
        <translation>Date of &amp;birth:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="59"/>
        <source>&amp;Giới tính:</source>
        <translation>&amp;Sex:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="60"/>
        <source>Nơi thường t&amp;rú:</source>
        <translation>Permanent &amp;residence:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/id_form.py" line="61"/>
        <source>Ngày &amp;cấp:</source>
        <translation>&amp;Issue date:</translation>
    </message>
</context>
<context>
    <name>IndividualForm</name>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="460"/>
        <source>Thông tin người được nộp thay chưa đủ hoặc chưa đúng: xem các ô có chữ đỏ.</source>
        <translation>The represented person&apos;s details are incomplete or wrong: see the fields with red text.</translation>
    </message>
</context>
<context>
    <name>IntakeSection</name>
    <message>
        <location filename="../../ui/intake/section.py" line="138"/>
        <source>Hồ sơ mới</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="139"/>
        <source>Bắt đầu hồ sơ mới (Ctrl+N)</source>
        <translation>Start a new dossier (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="143"/>
        <source>Tiếp tục hồ sơ…</source>
        <translation>Continue a dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="144"/>
        <source>Mở lại hồ sơ chưa xong của hôm nay (Ctrl+R)</source>
        <translation>Reopen an unfinished dossier of today (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="166"/>
        <source>‹ Quay lại</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="167"/>
        <source>Bước trước (Alt+Trái)</source>
        <translation>Previous step (Alt+Left)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="169"/>
        <source>Bước tiếp ›</source>
        <translation>Next step ›</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="170"/>
        <location filename="../../ui/intake/section.py" line="503"/>
        <source>Bước sau (Alt+Phải)</source>
        <translation>Next step (Alt+Right)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="183"/>
        <source>Ký số cả lô trong một lần đăng nhập</source>
        <translation>Sign the whole batch with one token login</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="188"/>
        <source>Đưa hồ sơ vào hàng đợi gửi lên cổng dịch vụ công</source>
        <translation>Queue the dossier for sending to the Public Service Portal</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="291"/>
        <source>{n} lượt nhập đang chờ sau nó đã dừng: nhập lại các tệp đó.</source>
        <translation>{n} import(s) waiting after it were stopped: import those files again.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="319"/>
        <source>(còn {n} lượt chờ)</source>
        <translation>({n} more waiting)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="343"/>
        <source>Đang dừng…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="345"/>
        <source>Bỏ {n} lượt nhập đang chờ.</source>
        <translation>{n} waiting import(s) dropped.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="351"/>
        <source>Đang làm việc khác của hồ sơ; chờ xong hoặc bấm «Dừng» (Esc).</source>
        <translation>Other work on the dossier is running; wait for it or press “Stop” (Esc).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="355"/>
        <source>Xác nhận công dân trước (đọc thẻ hoặc nhập tay).</source>
        <translation>Confirm the citizen first (read the card or type the details).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="356"/>
        <source>Chọn thủ tục trước (Enter trên thủ tục đã chọn).</source>
        <translation>Choose the procedure first (Enter on the selected procedure).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="357"/>
        <source>Tạo PDF cho hồ sơ trước (Ctrl+B).</source>
        <translation>Build the dossier&apos;s PDFs first (Ctrl+B).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="358"/>
        <source>Ký số (Ctrl+K) và nộp hồ sơ (Ctrl+Enter) trước.</source>
        <translation>Sign (Ctrl+K) and file the dossier (Ctrl+Enter) first.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="359"/>
        <source>Đây là bước cuối.</source>
        <translation>This is the last step.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="422"/>
        <source>Đang mở hồ sơ {ref}…</source>
        <translation>Opening dossier {ref}…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="429"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="452"/>
        <source>Không có hồ sơ nào đang dở hôm nay</source>
        <translation>No unfinished dossier today</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="462"/>
        <source>Không tải được danh sách hồ sơ</source>
        <translation>Could not load the dossier list</translation>
    </message>
    <message>
        <location filename="../../ui/intake/section.py" line="494"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Dossier intake</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="128"/>
        <source>{n}/{d} hồ sơ · chỉ tiêu {t} · mức {b}</source>
        <translation>{n}/{d} dossiers · target {t} · band {b}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="137"/>
        <source>Điểm theo Quyết định 766: {p} điểm tối đa</source>
        <translation>Decision 766 score: {p} of the maximum points</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="45"/>
        <source>[CHẾ ĐỘ ĐÀO TẠO — không nộp lên cổng thật]</source>
        <translation>[TRAINING MODE — nothing is filed to the real portal]</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="47"/>
        <source>[CHẾ ĐỘ DEMO]</source>
        <translation>[DEMO MODE]</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="59"/>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="92"/>
        <source>Màn hình hướng dẫn công dân</source>
        <translation>Citizen guidance screen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="96"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="133"/>
        <source>Chỉ có một màn hình: màn hình hướng dẫn nằm sau cửa sổ này. Ctrl+G lần nữa để cho công dân xem, Esc để quay lại.</source>
        <translation>Only one screen: the guidance screen is behind this window. Press Ctrl+G again to show it to the citizen, Esc to come back.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159"/>
        <source>Đóng chương trình</source>
        <translation>Close the application</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>Đóng, làm tiếp sau</source>
        <translation>Close, continue later</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161"/>
        <source>Ở lại</source>
        <translation>Stay</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="184"/>
        <source>Không khởi động được {part}: {m}</source>
        <translation>Could not start {part}: {m}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>Dịch vụ nền lỗi: {m}</source>
        <translation>Background services failed: {m}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61"/>
        <source>Thống kê</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60"/>
        <source>Hồ sơ hôm nay</source>
        <translation>Today&apos;s dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62"/>
        <source>Cài đặt &amp; chẩn đoán</source>
        <translation>Settings &amp; diagnostics</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="170"/>
        <source>Cơ sở dữ liệu bị hỏng: chỉ xem được, không nhận hồ sơ mới. Báo bộ phận CNTT.</source>
        <translation>The database is damaged: it can be viewed but takes no new dossier. Tell IT.</translation>
    </message>
</context>
<context>
    <name>NoticeGuidanceWindow</name>
    <message>
        <location filename="../../ui/guidance_notice.py" line="40"/>
        <source>Thông báo về xử lý dữ liệu cá nhân</source>
        <translation>Notice on the processing of personal data</translation>
    </message>
</context>
<context>
    <name>OrganisationForm</name>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="173"/>
        <source>Mã số thuế:</source>
        <translation>Tax code:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="174"/>
        <source>10 chữ số, hoặc 10 chữ số-3 chữ số của chi nhánh</source>
        <translation>10 digits, or 10 digits-3 digits for a branch</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="176"/>
        <source>tổ chức</source>
        <translation>organisation</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="48"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="49"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="50"/>
        <source>Số lần gửi</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="51"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="52"/>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="53"/>
        <source>Gửi lại lúc</source>
        <translation>Next attempt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="71"/>
        <source>&amp;Gửi lại</source>
        <translation>&amp;Resend</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="72"/>
        <source>&amp;Hủy gửi</source>
        <translation>&amp;Cancel sending</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="112"/>
        <source>{w} đang chờ gửi · {a} cần xử lý</source>
        <translation>{w} waiting to be sent · {a} need attention</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="116"/>
        <source>Không đọc được hàng đợi: {m}</source>
        <translation>Could not read the queue: {m}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="139"/>
        <source>Hủy gửi hồ sơ</source>
        <translation>Cancel sending the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/pages/outbox_view.py" line="140"/>
        <source>Hủy gửi hồ sơ này lên cổng? Hồ sơ vẫn được giữ trong máy và có thể gửi lại sau.</source>
        <translation>Cancel sending this dossier to the portal? The dossier stays on this computer and can be sent later.</translation>
    </message>
</context>
<context>
    <name>PagePreview</name>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="229"/>
        <source>Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5).</source>
        <translation>No pages yet. Put the paper in the scanner and press “Scan” (F5).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="235"/>
        <source>Xem trang phóng to</source>
        <translation>Zoomed page view</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="236"/>
        <source>Phóng to: + hoặc Ctrl+lăn chuột hoặc nhấp đúp · thu nhỏ: − · cả trang: 0</source>
        <translation>Zoom in: + or Ctrl+mouse wheel or double-click · zoom out: − · whole page: 0</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="242"/>
        <source>Trang có vẻ để trắng</source>
        <translation>The page looks blank</translation>
    </message>
</context>
<context>
    <name>PageTools</name>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="34"/>
        <source>Chuyển/tách trang…</source>
        <translation>Move/split pages…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="37"/>
        <source>Chuyển trang đang chọn sang thành phần khác, hoặc tách xấp giấy thành nhiều thành phần (Ctrl+M)</source>
        <translation>Move the selected page to another component, or split a stack of papers into several components (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="61"/>
        <source>Thành phần này chưa có trang nào để xem.</source>
        <translation>This component has no pages to view yet.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="68"/>
        <source>Các trang đã quét — {name}</source>
        <translation>Scanned pages — {name}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="107"/>
        <source>Xem các trang (Enter)</source>
        <translation>View the pages (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="109"/>
        <source>Chuyển trang này sang</source>
        <translation>Move this page to</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="110"/>
        <source>Tách từ trang này sang</source>
        <translation>Split from this page into</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="117"/>
        <source>Tách theo tờ trắng ngăn cách (phần sau mỗi tờ trắng vào thành phần kế tiếp)</source>
        <translation>Split at blank separator sheets (what follows each blank sheet goes to the next component)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="135"/>
        <source>Đang chuyển trang…</source>
        <translation>Moving the page…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="142"/>
        <source>Đang tách xấp giấy…</source>
        <translation>Splitting the stack…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/page_tools.py" line="148"/>
        <source>Đang tách xấp giấy theo tờ trắng…</source>
        <translation>Splitting the stack at blank sheets…</translation>
    </message>
</context>
<context>
    <name>PagesPane</name>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="211"/>
        <source>Enter hoặc nhấp đúp: xem trang lớn · Kéo thả hoặc Ctrl+←/→: đổi thứ tự · R: xoay 90° · Delete: xóa · Insert: chèn trang · Shift+F5: quét lại trang · Ctrl+M: chuyển/tách trang</source>
        <translation>Enter or double-click: large view · Drag and drop or Ctrl+←/→: reorder · R: rotate 90° · Delete: delete · Insert: insert page · Shift+F5: rescan page · Ctrl+M: move/split pages</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="309"/>
        <source>X&amp;oay 90°</source>
        <translation>R&amp;otate 90°</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="310"/>
        <source>Xoay trang đang chọn 90° theo chiều kim đồng hồ (R)</source>
        <translation>Rotate the selected page 90° clockwise (R)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="314"/>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="315"/>
        <source>Xóa trang đang chọn (Delete trong dải trang)</source>
        <translation>Delete the selected page (Delete in the page strip)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="319"/>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="351"/>
        <source>Chèn trang</source>
        <translation>Insert page</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="320"/>
        <source>Quét thêm trang vào trước trang đang chọn (Insert)</source>
        <translation>Scan more pages in before the selected page (Insert)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="324"/>
        <source>Quét &amp;lại trang</source>
        <translation>Re-sca&amp;n page</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="325"/>
        <source>Quét lại trang đang chọn, thay vào đúng chỗ (Shift+F5)</source>
        <translation>Rescan the selected page and put it back in its place (Shift+F5)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="328"/>
        <source>Chuyển trang sang trái (Ctrl+←)</source>
        <translation>Move the page left (Ctrl+←)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="329"/>
        <source>Chuyển trang sang phải (Ctrl+→)</source>
        <translation>Move the page right (Ctrl+→)</translation>
    </message>
</context>
<context>
    <name>PdfReview</name>
    <message>
        <location filename="../../ui/intake/pdf_review.py" line="40"/>
        <source>Nhấp đúp hoặc Enter để xem toàn bộ tệp PDF trước khi ký</source>
        <translation>Double-click or press Enter to view the whole PDF before signing</translation>
    </message>
    <message>
        <location filename="../../ui/intake/pdf_review.py" line="102"/>
        <source>«{a}» trang {p} giống «{b}» trang {q}</source>
        <translation>“{a}” page {p} matches “{b}” page {q}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/pdf_review.py" line="108"/>
        <source>⚠ Có trang giống nhau ở hai thành phần — xem lại trước khi ký: {pairs}.</source>
        <translation>⚠ The same page is in two components — check before signing: {pairs}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/pdf_review.py" line="126"/>
        <source>Tệp PDF — {name}</source>
        <translation>PDF — {name}</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="29"/>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="30"/>
        <source>Quý</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="31"/>
        <source>Loại kỳ báo cáo</source>
        <translation>Kind of report period</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="33"/>
        <source>Kỳ báo cáo</source>
        <translation>Report period</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="49"/>
        <source>Nhập mã PIN của USB token</source>
        <translation>Enter the USB token PIN</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="53"/>
        <source>Ký {n} tệp bằng chứng thư của &lt;b&gt;{holder}&lt;/b&gt; trên token «{token}».</source>
        <translation>Sign {n} file(s) with the certificate of &lt;b&gt;{holder}&lt;/b&gt; on token “{token}”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="61"/>
        <source>Tôi đã &amp;kiểm tra kỹ mã PIN và hiểu token sẽ bị khóa nếu nhập sai</source>
        <translation>I have &amp;checked the PIN carefully and understand the token will lock if it is wrong</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="65"/>
        <source>Token này có bàn phím riêng: bấm «Ký», rồi nhập PIN trên bàn phím của token.</source>
        <translation>This token has its own keypad: press “Sign”, then enter the PIN on the token’s keypad.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="71"/>
        <source>&amp;Ký</source>
        <translation>&amp;Sign</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="72"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="74"/>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="75"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="89"/>
        <source>&amp;Mã PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="100"/>
        <source>Đã có lần nhập sai mã PIN kể từ lần đăng nhập thành công gần nhất. Hãy nhập thật cẩn thận.</source>
        <translation>A wrong PIN has been entered since the last successful login. Type it very carefully.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_pin.py" line="107"/>
        <source>CẢNH BÁO: chỉ còn MỘT lần nhập mã PIN. Nhập sai lần nữa token sẽ bị khóa và phải trả token về nhà cung cấp CA để mở khóa.</source>
        <translation>WARNING: only ONE PIN attempt left. One more wrong PIN locks the token and it must go back to the CA to be unlocked.</translation>
    </message>
</context>
<context>
    <name>PrivacyView</name>
    <message>
        <location filename="../../ui/pages/privacy.py" line="104"/>
        <source>Tệp và dữ liệu công dân của một hồ sơ được giữ {days} ngày sau khi cổng dịch vụ công tiếp nhận (hoặc hồ sơ bị hủy), rồi tự động xóa; hồ sơ chưa được cổng tiếp nhận không bao giờ bị xóa. Số liệu thống kê và nhật ký sự kiện được giữ nguyên.</source>
        <translation>A dossier&apos;s files and citizen data are kept for {days} days after the Public Service Portal receives it (or after it is cancelled), then erased automatically; a dossier the portal has not received is never erased. Statistics and the event log are kept.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="112"/>
        <source>&amp;Làm mới</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="114"/>
        <source>&amp;Trích xuất dữ liệu công dân…</source>
        <translation>E&amp;xtract citizen data…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="116"/>
        <source>&amp;Xóa dữ liệu công dân…</source>
        <translation>Era&amp;se citizen data…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="186"/>
        <source>Trích xuất dữ liệu của một công dân</source>
        <translation>Extract one citizen&apos;s data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="190"/>
        <source>Lưu dữ liệu công dân</source>
        <translation>Save the citizen&apos;s data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="198"/>
        <source>Đang trích xuất…</source>
        <translation>Extracting…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="206"/>
        <source>Đã trích xuất {d} hồ sơ, {f} tệp vào {out}.</source>
        <translation>Extracted {d} dossier(s), {f} file(s) to {out}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="215"/>
        <source>Xóa dữ liệu của một công dân</source>
        <translation>Erase one citizen&apos;s data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="222"/>
        <source>Đang xóa…</source>
        <translation>Erasing…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/privacy.py" line="229"/>
        <source>Đã xóa dữ liệu của {d} hồ sơ ({f} tệp). Nhật ký sự kiện được giữ nguyên.</source>
        <translation>Erased the data of {d} dossier(s) ({f} file(s)). The event log is kept.</translation>
    </message>
</context>
<context>
    <name>ProcedurePage</name>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="46"/>
        <source>Gõ tên hoặc mã thủ tục, có dấu hoặc không dấu (vd: dang ky khai sinh)</source>
        <translation>Type a procedure name or code, with or without diacritics (e.g. dang ky khai sinh)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="63"/>
        <source>&amp;Chọn thủ tục này</source>
        <translation>&amp;Choose this procedure</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="64"/>
        <source>Chọn thủ tục đang chọn (Enter)</source>
        <translation>Choose the selected procedure (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="66"/>
        <source>Tìm &amp;thủ tục:</source>
        <translation>Find a &amp;procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="121"/>
        <source>Chỉ hiện các thủ tục nhận hồ sơ của {kind}: {n} thủ tục khớp nhưng không dành cho người nộp này (đổi loại người nộp ở bước 1 nếu chọn nhầm).</source>
        <translation>Only procedures open to applicants of the kind “{kind}” are shown: {n} more match but are not for this applicant (change the applicant kind in step 1 if it was chosen wrongly).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="137"/>
        <source>Không tìm thấy thủ tục nào. Thử gõ ít chữ hơn hoặc gõ mã thủ tục.</source>
        <translation>No procedure found. Type fewer words, or the procedure code.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="148"/>
        <source>Không thu phí</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="150"/>
        <source>{n} ngày làm việc</source>
        <translation>{n} working days</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="152"/>
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
    <message>
        <location filename="../../ui/intake/procedure_page.py" line="185"/>
        <source>Đang chọn thủ tục…</source>
        <translation>Choosing the procedure…</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <location filename="../../ui/widgets/signing.py" line="402"/>
        <source>Không ký được</source>
        <translation>Signing failed</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../../ui/guidance_rating.py" line="46"/>
        <source>Ông/bà có hài lòng với việc tiếp nhận hồ sơ hôm nay không?</source>
        <translation>Are you satisfied with how your dossier was received today?</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_rating.py" line="60"/>
        <source>Góp ý thêm (không bắt buộc, xin đừng ghi họ tên, số giấy tờ)</source>
        <translation>Further comments (optional; please do not write names or document numbers)</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_rating.py" line="62"/>
        <source>Bỏ qua</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../ui/guidance_rating.py" line="67"/>
        <source>Cảm ơn ông/bà đã đánh giá!</source>
        <translation>Thank you for your feedback!</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../ui/intake/exits.py" line="53"/>
        <source>&amp;Lý do (bắt buộc):</source>
        <translation>&amp;Reason (required):</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="58"/>
        <source>&amp;Thôi</source>
        <translation>&amp;Back</translation>
    </message>
</context>
<context>
    <name>ReceiptPage</name>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="51"/>
        <source>&amp;In phiếu…</source>
        <translation>&amp;Print receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="165"/>
        <source>Chưa có phiếu: nộp hồ sơ ở bước 4 trước (Ctrl+Enter).</source>
        <translation>No receipt yet: file the dossier in step 4 first (Ctrl+Enter).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="167"/>
        <source>In phiếu tiếp nhận (Ctrl+P)</source>
        <translation>Print the receipt (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="54"/>
        <source>&amp;Lưu tệp PDF…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="169"/>
        <source>Lưu phiếu thành tệp PDF (Ctrl+Shift+S)</source>
        <translation>Save the receipt as a PDF file (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="57"/>
        <source>Xong, hồ sơ &amp;mới</source>
        <translation>Done, &amp;new dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="58"/>
        <source>Đã trao phiếu cho công dân; bắt đầu hồ sơ tiếp theo</source>
        <translation>Receipt handed to the citizen; start the next dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="98"/>
        <source>Đang lập phiếu tiếp nhận…</source>
        <translation>Preparing the receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="111"/>
        <source>&lt;b style=&apos;color:#a40000&apos;&gt;Ngày hẹn của cổng ({portal}) khác ngày hẹn tính theo lịch làm việc tại quầy ({local}).&lt;/b&gt; Phiếu in theo ngày hẹn của cổng; báo lại cho công dân và kiểm tra tệp lịch nghỉ (calendar.overrides) với bộ phận CNTT.</source>
        <translation>&lt;b style=&apos;color:#a40000&apos;&gt;The portal&apos;s appointment date ({portal}) differs from the one computed with the counter&apos;s working calendar ({local}).&lt;/b&gt; The receipt shows the portal&apos;s date; tell the citizen, and check the holiday file (calendar.overrides) with IT.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="120"/>
        <source>Hẹn trả dự kiến: &lt;b&gt;{time}&lt;/b&gt; (theo lịch làm việc của đơn vị).</source>
        <translation>Result expected: &lt;b&gt;{time}&lt;/b&gt; (by the office&apos;s working calendar).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="131"/>
        <source>Không xem trước được phiếu; phiếu vẫn in và lưu được.</source>
        <translation>The receipt cannot be previewed; it can still be printed and saved.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="137"/>
        <source>&lt;b&gt;Đã nộp trực tuyến.&lt;/b&gt; Mã hồ sơ: &lt;b&gt;{code}&lt;/b&gt; · Hẹn trả kết quả: &lt;b&gt;{date}&lt;/b&gt;</source>
        <translation>&lt;b&gt;Filed online.&lt;/b&gt; Dossier code: &lt;b&gt;{code}&lt;/b&gt; · Result due: &lt;b&gt;{date}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="146"/>
        <source>&lt;b style=&apos;color:#a40000&apos;&gt;Cổng chưa nhận hồ sơ:&lt;/b&gt; {message}&lt;br&gt;Việc cần làm: {hint}</source>
        <translation>&lt;b style=&apos;color:#a40000&apos;&gt;The portal has not accepted the dossier:&lt;/b&gt; {message}&lt;br&gt;What to do: {hint}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="149"/>
        <source>Xem và gửi lại trong mục «Hồ sơ hôm nay» → hàng đợi.</source>
        <translation>Look at it and resend it under «Today&apos;s dossiers» → queue.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="155"/>
        <source>&lt;b&gt;Phiếu TẠM&lt;/b&gt; (mã nội bộ {ref}): hồ sơ đã nằm an toàn trong hàng đợi và sẽ tự gửi khi cổng kết nối được. Phiếu chính thức có mã hồ sơ sẽ hiện ở đây ngay khi cổng trả lời.</source>
        <translation>&lt;b&gt;PROVISIONAL receipt&lt;/b&gt; (local reference {ref}): the dossier is safe in the queue and will be sent as soon as the portal can be reached. The final receipt with the dossier code appears here as soon as the portal answers.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="198"/>
        <source>Đã lưu phiếu vào {path}.</source>
        <translation>Receipt saved to {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="199"/>
        <source>Đang lưu phiếu…</source>
        <translation>Saving the receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/receipt_page.py" line="232"/>
        <source>Đang ghi nhận đã in phiếu…</source>
        <translation>Recording that the receipt was printed…</translation>
    </message>
</context>
<context>
    <name>ResumeOffer</name>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="34"/>
        <source>&amp;Làm tiếp hồ sơ này</source>
        <translation>Con&amp;tinue this dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="36"/>
        <source>Bỏ qua</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="38"/>
        <source>Hồ sơ vẫn được giữ; mở lại bất cứ lúc nào bằng «Tiếp tục hồ sơ…» (Ctrl+R)</source>
        <translation>The dossier is kept; reopen it at any time with “Continue a dossier…” (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="71"/>
        <source>Hồ sơ đang làm dở: {what}.</source>
        <translation>Unfinished dossier: {what}.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="73"/>
        <source>Còn {n} hồ sơ dở khác trong «Tiếp tục hồ sơ…» (Ctrl+R).</source>
        <translation>{n} more unfinished dossier(s) under “Continue a dossier…” (Ctrl+R).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="86"/>
        <source>chưa có công dân</source>
        <translation>no citizen yet</translation>
    </message>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="87"/>
        <source>chưa chọn thủ tục</source>
        <translation>no procedure chosen</translation>
    </message>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="88"/>
        <source>đang ở bước {step}</source>
        <translation>at step {step}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="89"/>
        <source>bắt đầu lúc {time}</source>
        <translation>started at {time}</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="63"/>
        <source>&amp;Quét</source>
        <translation>&amp;Scan</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="65"/>
        <source>Quét vào thành phần đang chọn (F5); với camera: chụp ngay (Space)</source>
        <translation>Scan into the selected component (F5); with a camera: capture now (Space)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="68"/>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="69"/>
        <source>Dừng lượt quét (Esc); các trang đã nhận vẫn được giữ</source>
        <translation>Stop the scan (Esc); pages already received are kept</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="123"/>
        <location filename="../../ui/widgets/scan_panel.py" line="326"/>
        <source>Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5).</source>
        <translation>No pages yet. Put the paper in the scanner and press “Scan” (F5).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="143"/>
        <source>Lỗi không mong đợi: {e}. Xem nhật ký trong mục «Chẩn đoán».</source>
        <translation>Unexpected error: {e}. See the log in “Diagnostics”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="195"/>
        <source>Đang chụp…</source>
        <translation>Capturing…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="205"/>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="208"/>
        <location filename="../../ui/widgets/scan_panel.py" line="236"/>
        <source>Trang {n}: %p%</source>
        <translation>Page {n}: %p%</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="230"/>
        <source>Đang dừng… (các trang đã nhận vẫn được giữ)</source>
        <translation>Stopping… (pages already received are kept)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="241"/>
        <source>Đã lưu {n} trang vào hồ sơ.</source>
        <translation>{n} pages saved to the dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="244"/>
        <source>Trang mới {n}</source>
        <translation>New page {n}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="254"/>
        <source>{message} Đã giữ {n} trang nhận được trước lỗi. {hint}</source>
        <translation>{message} The {n} pages received before the error are kept. {hint}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="260"/>
        <source>Đã hủy lượt quét; giữ {n} trang đã nhận.</source>
        <translation>Scan cancelled; the {n} pages received are kept.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="262"/>
        <source>Đã quét {n} trang.</source>
        <translation>Scanned {n} pages.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_panel.py" line="265"/>
        <source>{n} trang có vẻ để trắng (viền đỏ): kiểm tra rồi xóa nếu đúng.</source>
        <translation>{n} pages look blank (red frame): check them and delete them if so.</translation>
    </message>
</context>
<context>
    <name>ScanSettingsBar</name>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="63"/>
        <source>Tì&amp;m lại thiết bị</source>
        <translation>Find devices a&amp;gain</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="64"/>
        <source>Tìm lại máy quét và camera đang cắm</source>
        <translation>Look again for connected scanners and cameras</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="82"/>
        <source>&amp;Thiết bị:</source>
        <translation>&amp;Device:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="93"/>
        <source>N&amp;guồn giấy:</source>
        <translation>Paper s&amp;ource:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="94"/>
        <source>&amp;Chế độ màu:</source>
        <translation>Colour &amp;mode:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="95"/>
        <source>Độ phân giải (&amp;dpi):</source>
        <translation>Resolution (&amp;dpi):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="110"/>
        <source>Đang tìm thiết bị…</source>
        <translation>Looking for devices…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="126"/>
        <source>Tìm thấy {n} thiết bị.</source>
        <translation>Devices found: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="128"/>
        <source>{n} loại thiết bị không dùng được (di chuột để xem lý do).</source>
        <translation>{n} device types are not available (hover to see why).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="132"/>
        <source>Không tìm thấy máy quét hoặc camera. Cắm thiết bị rồi bấm «Tìm lại thiết bị».</source>
        <translation>No scanner or camera found. Plug the device in, then press “Find devices again”.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="136"/>
        <source>Loại thiết bị không dùng được:</source>
        <translation>Device types not available:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="211"/>
        <source>Dưới 200 dpi: bản số hóa KHÔNG đạt chuẩn (tối thiểu 200 dpi, Nghị định 30/2020).</source>
        <translation>Below 200 dpi: the digitised copy does NOT meet the standard (at least 200 dpi, Decree 30/2020).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="215"/>
        <source>Đạt chuẩn số hóa: tối thiểu 200 dpi, tỉ lệ 100 %.</source>
        <translation>Meets the digitisation standard: at least 200 dpi, 100 % scale.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="223"/>
        <source>⚠ Đen trắng: bản số hóa phải là ảnh MÀU (Nghị định 30/2020); chọn «Màu» trừ khi có hướng dẫn khác.</source>
        <translation>⚠ Black and white: digitised copies must be in COLOUR (Decree 30/2020); choose “Colour” unless told otherwise.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_settings.py" line="229"/>
        <source>⚠ Xám: bản số hóa phải là ảnh MÀU (Nghị định 30/2020); chọn «Màu» để đạt chuẩn.</source>
        <translation>⚠ Greyscale: digitised copies must be in COLOUR (Decree 30/2020); choose “Colour” to meet the standard.</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <location filename="../../ui/pages/dashboard_score.py" line="43"/>
        <source>&lt;b&gt;Điểm Quyết định 766 ({p}): {t} / {m} điểm tính được tại quầy&lt;/b&gt; · {v} điểm do tỉnh chấm (không tính ở đây)</source>
        <translation>&lt;b&gt;Decision 766 score ({p}): {t} / {m} points computable at the counter&lt;/b&gt; · {v} points scored by the province (not computed here)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_score.py" line="90"/>
        <source>do tỉnh chấm (tối đa {m})</source>
        <translation>scored by the province (max. {m})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_score.py" line="93"/>
        <source>chưa có số liệu</source>
        <translation>no data yet</translation>
    </message>
</context>
<context>
    <name>ShortcutList</name>
    <message>
        <location filename="../../ui/widgets/shortcut_list.py" line="14"/>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/shortcut_list.py" line="16"/>
        <source>Phím</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/shortcut_list.py" line="16"/>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/shortcut_list.py" line="35"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="24"/>
        <source>Mọi màn hình</source>
        <translation>All screens</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="25"/>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="26"/>
        <source>Bước 3 · Thành phần (dải trang)</source>
        <translation>Step 3 · Components (page strip)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="27"/>
        <source>Bước 1 · Công dân</source>
        <translation>Step 1 · Citizen</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="31"/>
        <source>Chuyển mục: Tiếp nhận, Hồ sơ hôm nay, Thống kê, Cài đặt</source>
        <translation>Switch section: Intake, Today&apos;s dossiers, Statistics, Settings</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="34"/>
        <source>Danh sách phím tắt</source>
        <translation>List of keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="35"/>
        <source>Màn hình hướng dẫn công dân</source>
        <translation>Citizen guidance screen</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="36"/>
        <source>Hồ sơ mới</source>
        <translation>New dossier</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="37"/>
        <source>Tiếp tục hồ sơ chưa xong</source>
        <translation>Continue an unfinished dossier</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="38"/>
        <source>Bước trước</source>
        <translation>Previous step</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="39"/>
        <source>Bước sau</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="40"/>
        <source>Dừng việc đang chạy</source>
        <translation>Stop the running work</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="42"/>
        <source>Mở ảnh thẻ (bước 1) / nhập trang từ tệp (bước 3)</source>
        <translation>Open a card image (step 1) / import pages from files (step 3)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="44"/>
        <source>Bật/tắt camera đọc mã QR trên thẻ</source>
        <translation>Turn the camera that reads the card&apos;s QR code on/off</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="45"/>
        <source>Đọc chip thẻ căn cước trên đầu đọc thẻ</source>
        <translation>Read the ID card&apos;s chip on the card reader</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="48"/>
        <source>Chọn người nộp hồ sơ: cá nhân, tổ chức, cơ quan nhà nước, người nước ngoài</source>
        <translation>Applicant: individual, organisation, state agency, foreigner</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="55"/>
        <source>Đọc trang thông tin hộ chiếu từ ảnh hoặc bản quét (người nước ngoài)</source>
        <translation>Read a passport data page from an image or scan (foreigner)</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="58"/>
        <source>Bật/tắt «Người nộp thay»</source>
        <translation>Turn “Representative” on/off</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="59"/>
        <source>Quét</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="60"/>
        <source>Tạo các tệp PDF</source>
        <translation>Build the PDFs</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="61"/>
        <source>Ký số tất cả tệp PDF</source>
        <translation>Sign all PDFs</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="62"/>
        <source>Nộp hồ sơ</source>
        <translation>File the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="63"/>
        <source>In phiếu tiếp nhận</source>
        <translation>Print the receipt</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="64"/>
        <source>Lưu phiếu thành tệp PDF</source>
        <translation>Save the receipt as a PDF file</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="65"/>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Request a supplement</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="66"/>
        <source>Hủy hồ sơ</source>
        <translation>Cancel dossier</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="67"/>
        <source>Quét lại trang đang chọn</source>
        <translation>Rescan the selected page</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="68"/>
        <source>Xoay trang 90°</source>
        <translation>Rotate the page 90°</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="69"/>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="70"/>
        <source>Chèn trang trước trang đang chọn</source>
        <translation>Insert a page before the selected page</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="71"/>
        <source>Đổi thứ tự trang</source>
        <translation>Reorder pages</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="74"/>
        <source>Xem trang, thành phần hoặc tệp PDF đang chọn trong trình xem tài liệu</source>
        <translation>View the selected page, component or PDF in the document viewer</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="78"/>
        <source>Chuyển trang sang thành phần khác, tách xấp giấy</source>
        <translation>Move a page to another component, split a stack of papers</translation>
    </message>
</context>
<context>
    <name>SignatureVerifyPanel</name>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="65"/>
        <source>&amp;Kiểm tra chữ ký của tệp PDF…</source>
        <translation>&amp;Check the signatures of a PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="66"/>
        <source>Chọn một tệp PDF đã ký để kiểm tra (Ctrl+O)</source>
        <translation>Choose a signed PDF to check (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="69"/>
        <source>Chưa chọn tệp.</source>
        <translation>No file chosen.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="84"/>
        <source>Chọn tệp PDF đã ký</source>
        <translation>Choose a signed PDF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="92"/>
        <source>Đang kiểm tra chữ ký của {name}…</source>
        <translation>Checking the signatures of {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="107"/>
        <source>{name}: tệp không có chữ ký số.</source>
        <translation>{name}: the file has no digital signature.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="110"/>
        <source>{name}: {n} chữ ký, tất cả hợp lệ; chữ ký cuối phủ toàn bộ tệp.</source>
        <translation>{name}: {n} signature(s), all valid; the last one covers the whole file.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="116"/>
        <source>{name}: CÓ CHỮ KÝ KHÔNG HỢP LỆ hoặc tệp đã bị sửa sau khi ký.</source>
        <translation>{name}: A SIGNATURE IS INVALID or the file was changed after signing.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="123"/>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="123"/>
        <source>KHÔNG</source>
        <translation>NO</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="127"/>
        <source>Có chữ ký sau</source>
        <translation>Later signatures follow</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="133"/>
        <source>Hợp lệ</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="133"/>
        <source>KHÔNG HỢP LỆ</source>
        <translation>INVALID</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_verify.py" line="149"/>
        <source>Chứng thư gốc của người ký chưa được cài trong cấu hình (signing.trust_roots).</source>
        <translation>The signer&apos;s root certificate is not installed in the configuration (signing.trust_roots).</translation>
    </message>
</context>
<context>
    <name>SigningController</name>
    <message>
        <location filename="../../ui/widgets/signing.py" line="262"/>
        <source>Hãy nhập PIN trên bàn phím của token…</source>
        <translation>Enter the PIN on the token’s keypad…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signing.py" line="264"/>
        <source>Đang đăng nhập token và ký {n} tệp…</source>
        <translation>Logging in to the token and signing {n} file(s)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signing.py" line="342"/>
        <source>Không đạt được mức chữ ký đã cấu hình</source>
        <translation>The configured signature level cannot be reached</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signing.py" line="343"/>
        <source>Không ký được ở mức {level}: {message}</source>
        <translation>Cannot sign at level {level}: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signing.py" line="346"/>
        <source>Chọn ký ở mức cơ bản B-B (không có dấu thời gian), hoặc dừng để kiểm tra kết nối. Mức được chọn sẽ được ghi vào nhật ký.</source>
        <translation>Choose to sign at the basic level B-B (no timestamp), or stop to check the connection. The chosen level is recorded in the log.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signing.py" line="350"/>
        <source>Tiếp tục ký ở mức &amp;B-B</source>
        <translation>Continue at level &amp;B-B</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/signing.py" line="352"/>
        <source>&amp;Dừng ký</source>
        <translation>&amp;Stop signing</translation>
    </message>
</context>
<context>
    <name>SigningProgressDialog</name>
    <message>
        <location filename="../../ui/widgets/sign_progress.py" line="19"/>
        <source>Đang ký số</source>
        <translation>Signing</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_progress.py" line="26"/>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_progress.py" line="27"/>
        <source>Dừng ký; các tệp của lô này sẽ không được giữ lại (Esc)</source>
        <translation>Stop signing; no file of this batch is kept (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_progress.py" line="41"/>
        <source>Đã ký {done}/{total} tệp: {name}</source>
        <translation>Signed {done}/{total} file(s): {name}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_progress.py" line="48"/>
        <source>Đang dừng sau tệp đang ký…</source>
        <translation>Stopping after the file being signed…</translation>
    </message>
</context>
<context>
    <name>StampPlacementDialog</name>
    <message>
        <location filename="../../ui/intake/stamp_dialog.py" line="29"/>
        <source>Vị trí dấu chữ ký số</source>
        <translation>Signature stamp position</translation>
    </message>
    <message>
        <location filename="../../ui/intake/stamp_dialog.py" line="34"/>
        <source>Góc trên bên trái trang 1 của các tệp dưới đây không còn chỗ trống: dấu chữ ký (tên người số hóa, thời điểm số hóa) sẽ che nội dung. Chọn góc đặt dấu cho từng tệp rồi bấm «Ký số».</source>
        <translation>The top-left corner of page 1 of the files below is not empty: the signature stamp (who digitised the file, and when) would cover content. Choose a corner for each file, then press “Sign”.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/stamp_dialog.py" line="51"/>
        <source>Đặt dấu ở:</source>
        <translation>Place the stamp at:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/stamp_dialog.py" line="60"/>
        <source>&amp;Ký số</source>
        <translation>&amp;Sign</translation>
    </message>
    <message>
        <location filename="../../ui/intake/stamp_dialog.py" line="61"/>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/intake/stamp_dialog.py" line="85"/>
        <source>còn chỗ trống</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../ui/intake/stamp_dialog.py" line="85"/>
        <source>che nội dung</source>
        <translation>covers content</translation>
    </message>
    <message>
        <location filename="../../ui/intake/stamp_dialog.py" line="105"/>
        <source>&lt;b style=&apos;color:#a40000&apos;&gt;Dấu ở vị trí này che nội dung của văn bản.&lt;/b&gt; Chọn góc khác nếu có chỗ trống.</source>
        <translation>&lt;b style=&apos;color:#a40000&apos;&gt;A stamp here covers the document&apos;s content.&lt;/b&gt; Choose another corner if one is empty.</translation>
    </message>
</context>
<context>
    <name>SubmitPage</name>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="88"/>
        <source>Thành phần</source>
        <translation>Components</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="88"/>
        <source>Số trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="88"/>
        <source>Dung lượng</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="88"/>
        <source>Ký số</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="97"/>
        <source>&lt;b style=&apos;color:#a40000&apos;&gt;CHỨNG THƯ DEMO&lt;/b&gt; — chữ ký dùng để trình diễn, không có giá trị pháp lý.</source>
        <translation>&lt;b style=&apos;color:#a40000&apos;&gt;DEMO CERTIFICATE&lt;/b&gt; — signatures for demonstration only, not legally valid.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="100"/>
        <source>&amp;Ký số tất cả tệp PDF</source>
        <translation>&amp;Sign all PDFs</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="104"/>
        <location filename="../../ui/intake/submit_page.py" line="396"/>
        <source>Chưa kiểm tra.</source>
        <translation>Not checked yet.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="106"/>
        <source>Kiểm tr&amp;a tài khoản</source>
        <translation>Check the &amp;account</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="113"/>
        <source>Tạ&amp;o tài khoản</source>
        <translation>Create acc&amp;ount</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="73"/>
        <location filename="../../ui/intake/submit_page.py" line="116"/>
        <source>Đã hướng dẫn dùng &amp;VNeID</source>
        <translation>Guided to &amp;VNeID</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="54"/>
        <source>Tổ chức nộp trực tuyến bằng tài khoản định danh điện tử của chính tổ chức, không dùng tài khoản VNeID cá nhân của người nộp thay; cán bộ nộp hồ sơ này tại quầy.</source>
        <translation>An organisation files online with its own electronic identification account, not with the representative&apos;s personal VNeID account; the officer files this dossier at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="59"/>
        <source>Cơ quan nộp trực tuyến bằng tài khoản của chính cơ quan, không dùng tài khoản VNeID cá nhân của người nộp thay; cán bộ nộp hồ sơ này tại quầy.</source>
        <translation>An agency files online with its own account, not with the representative&apos;s personal VNeID account; the officer files this dossier at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="64"/>
        <source>Người nước ngoài dùng tài khoản định danh điện tử cấp cho người nước ngoài; cổng không tra theo số hộ chiếu tại quầy, cán bộ nộp hồ sơ này tại quầy.</source>
        <translation>Foreign nationals use the electronic identification account issued to foreigners; the portal cannot look it up by passport number at the counter, so the officer files this dossier at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="71"/>
        <source>Đã hướng dẫn tổ chức tự nộp (&amp;VNeID)</source>
        <translation>Organisation guided to file itself (&amp;VNeID)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="72"/>
        <source>Đã hướng dẫn cơ quan tự nộp (&amp;VNeID)</source>
        <translation>Agency guided to file itself (&amp;VNeID)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="109"/>
        <source>Công dân đồng ý tạo tài khoản</source>
        <translation>Citizen consents to an account</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="111"/>
        <source>Công dân đồng ý cho cán bộ tạo tài khoản cổng dịch vụ công bằng thông tin trên thẻ</source>
        <translation>The citizen agrees that the officer creates a Public Service Portal account from the card&apos;s details</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="117"/>
        <source>Ghi nhận đã hướng dẫn công dân nộp trực tuyến qua VNeID</source>
        <translation>Record that the citizen was guided to file online through VNeID</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="135"/>
        <source>Địa chỉ nhận qua bưu chính công ích</source>
        <translation>Address for delivery by public post</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="138"/>
        <source>&amp;Nộp hồ sơ</source>
        <translation>&amp;File the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="145"/>
        <source>Các tệp PDF của hồ sơ</source>
        <translation>The dossier&apos;s PDFs</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="163"/>
        <source>Người nộp:</source>
        <translation>Applicant:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="164"/>
        <source>Tài khoản cổng:</source>
        <translation>Portal account:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="166"/>
        <source>Điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="167"/>
        <source>Thư điện tử:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="169"/>
        <source>Lệ phí:</source>
        <translation>Fee:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="170"/>
        <source>T&amp;hanh toán:</source>
        <translation>Pa&amp;yment:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="171"/>
        <source>Nhận kết &amp;quả:</source>
        <translation>Result deli&amp;very:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="172"/>
        <source>Địa &amp;chỉ nhận:</source>
        <translation>Delivery addre&amp;ss:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="173"/>
        <source>Kênh nộp:</source>
        <translation>Filing channel:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="174"/>
        <source>Nộp trực tuyến</source>
        <translation>File online</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="208"/>
        <source>Không thu phí</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="217"/>
        <source>{received} → cổng ghi nhận: {filed}</source>
        <translation>{received} → recorded by the portal as: {filed}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="249"/>
        <source>tái sử dụng (đã ký)</source>
        <translation>reused (signed)</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="251"/>
        <source>đã ký</source>
        <translation>signed</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="251"/>
        <source>chưa ký</source>
        <translation>not signed</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="263"/>
        <source>Chưa có hồ sơ: bắt đầu từ bước 1 (Công dân).</source>
        <translation>No dossier yet: start at step 1 (Citizen).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="265"/>
        <source>Đang làm việc khác của hồ sơ; chờ xong hoặc bấm «Dừng» (Esc).</source>
        <translation>Other work on the dossier is running; wait for it or press “Stop” (Esc).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="267"/>
        <source>Hồ sơ đã hủy.</source>
        <translation>The dossier has been cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="277"/>
        <source>Các tệp PDF của hồ sơ đã được ký số.</source>
        <translation>The dossier&apos;s PDFs are already signed.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="279"/>
        <source>Chưa có tệp PDF để ký: ở bước 3 (Thành phần) bấm «Tạo PDF» (Ctrl+B) trước.</source>
        <translation>No PDFs to sign yet: in step 3 (Components) press “Build PDFs for the dossier” (Ctrl+B) first.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="290"/>
        <source>Hồ sơ đã được nộp; phiếu tiếp nhận ở bước 5.</source>
        <translation>The dossier has been filed; the receipt is in step 5.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="292"/>
        <source>Chưa ký số các tệp PDF: ký (Ctrl+K) trước khi nộp.</source>
        <translation>The PDFs are not signed yet: sign them (Ctrl+K) before filing.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="295"/>
        <source>Chưa kiểm tra tài khoản cổng của công dân: bấm «Kiểm tra tài khoản» (Alt+A), hoặc «Đã hướng dẫn dùng VNeID» khi cổng không trả lời.</source>
        <translation>The citizen&apos;s portal account has not been checked: press “Check the account” (Alt+A), or “Guided to VNeID” when the portal does not answer.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="326"/>
        <source>Đang chuẩn bị các tệp để ký…</source>
        <translation>Preparing the files for signing…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="356"/>
        <source>Đã ký bởi: {name}, mức {level}</source>
        <translation>Signed by: {name}, level {level}</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="384"/>
        <source>Chưa ghi nhận; bấm «Kiểm tra tài khoản». </source>
        <translation>Not recorded yet; press “Check the account”. </translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="386"/>
        <source>Đã tạo tài khoản cho công dân ({provider}, mức {level}).</source>
        <translation>Account created for the citizen ({provider}, level {level}).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="390"/>
        <source>Chưa tra cứu được tài khoản: cổng không trả lời lúc nộp tự động.</source>
        <translation>The account could not be looked up: the portal did not answer during automatic filing.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="399"/>
        <source>Đã hướng dẫn người nộp thay để tổ chức tự nộp bằng tài khoản của tổ chức.</source>
        <translation>The representative was guided so that the organisation files by itself with its own account.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="413"/>
        <source>Làm được sau khi đã ký số các tệp PDF, trước khi nộp.</source>
        <translation>Possible once the PDFs are signed, before filing.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="415"/>
        <source>Công dân đã có tài khoản trên cổng; không cần tạo nữa.</source>
        <translation>The citizen already has a portal account; there is no need to create one.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="417"/>
        <source>Cần công dân đồng ý: đánh dấu ô đồng ý trước.</source>
        <translation>The citizen&apos;s consent is needed: tick the consent box first.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="419"/>
        <source>Tạo tài khoản trên cổng bằng thông tin trên thẻ</source>
        <translation>Create a portal account from the card&apos;s details</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="428"/>
        <source>Đang tra cứu tài khoản trên cổng…</source>
        <translation>Looking up the account on the portal…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="388"/>
        <source>Công dân đã có tài khoản ({provider}, mức {level}).</source>
        <translation>The citizen has an account ({provider}, level {level}).</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="393"/>
        <source>Công dân chưa có tài khoản. Tạo tài khoản (cần công dân đồng ý) hoặc hướng dẫn đăng ký VNeID.</source>
        <translation>The citizen has no account. Create one (the citizen must agree) or guide them to register with VNeID.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="446"/>
        <source>Đang tạo tài khoản trên cổng…</source>
        <translation>Creating the account on the portal…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="459"/>
        <source>Đang ghi nhận…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <location filename="../../ui/intake/submit_page.py" line="482"/>
        <source>Đang đưa hồ sơ vào hàng đợi gửi…</source>
        <translation>Queuing the dossier for sending…</translation>
    </message>
</context>
<context>
    <name>SupervisorPinDialog</name>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="33"/>
        <source>Xem số liệu toàn bộ phận</source>
        <translation>View the whole office&apos;s figures</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="37"/>
        <source>Nhập mã PIN của lãnh đạo bộ phận để xem số liệu của mọi cán bộ trong phiên làm việc này.</source>
        <translation>Enter the office supervisor&apos;s PIN to see every officer&apos;s figures for this session.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="45"/>
        <source>&amp;Mở</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="47"/>
        <source>&amp;Hủy</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="55"/>
        <source>Mã &amp;PIN:</source>
        <translation>&amp;PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="71"/>
        <source>Chưa nhập mã PIN.</source>
        <translation>No PIN entered.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="74"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="92"/>
        <source>Mã PIN không đúng. Còn {n} lần thử trước khi phải chờ.</source>
        <translation>Wrong PIN. {n} tries left before a pause.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="99"/>
        <source>Đã nhập sai quá nhiều lần. Vui lòng chờ {s} giây rồi thử lại; nếu quên mã PIN, hãy liên hệ bộ phận CNTT.</source>
        <translation>Too many wrong tries. Please wait {s} seconds and try again; if the PIN is forgotten, contact IT.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/supervisor_pin.py" line="107"/>
        <source>Có thể nhập lại mã PIN.</source>
        <translation>You can enter the PIN again.</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../ui/intake/exits.py" line="91"/>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Request a supplement</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="92"/>
        <source>Đánh dấu các thành phần công dân cần bổ sung hoặc làm lại. Hồ sơ {ref} quay về bước «Thành phần»; các thành phần đánh dấu được ghi rõ để làm tiếp khi công dân quay lại.</source>
        <translation>Tick the components the citizen must supply or redo. Dossier {ref} goes back to the «Components» step; the ticked components stay marked for when the citizen returns.</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="97"/>
        <source>&amp;Yêu cầu bổ sung</source>
        <translation>&amp;Request supplement</translation>
    </message>
    <message>
        <location filename="../../ui/intake/exits.py" line="111"/>
        <source>Thành phần cần &amp;bổ sung:</source>
        <translation>Components to &amp;supply:</translation>
    </message>
</context>
<context>
    <name>TaskStrip</name>
    <message>
        <location filename="../../ui/intake/task_strip.py" line="21"/>
        <source>&amp;Dừng</source>
        <translation>S&amp;top</translation>
    </message>
    <message>
        <location filename="../../ui/intake/task_strip.py" line="23"/>
        <source>Dừng việc đang chạy (Esc); phần đã lưu vẫn giữ nguyên</source>
        <translation>Stop the running work (Esc); what was saved stays</translation>
    </message>
    <message>
        <location filename="../../ui/intake/task_strip.py" line="67"/>
        <source>Việc cần làm: {hint}</source>
        <translation>What to do: {hint}</translation>
    </message>
</context>
<context>
    <name>ThumbnailStrip</name>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="92"/>
        <source>Các trang đã quét</source>
        <translation>Scanned pages</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="99"/>
        <source>TRANG TRẮNG?</source>
        <translation>BLANK PAGE?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="100"/>
        <source>{page} · trắng?</source>
        <translation>{page} · blank?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="106"/>
        <source>Trang có vẻ để trắng: kiểm tra rồi xóa (Delete) nếu đúng là mặt trắng.</source>
        <translation>The page looks blank: check it, and delete it (Delete) if it really is a blank side.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_thumbnails.py" line="113"/>
        <source>Trang {n}</source>
        <translation>Page {n}</translation>
    </message>
</context>
<context>
    <name>TodaySection</name>
    <message>
        <location filename="../../ui/pages/today.py" line="118"/>
        <source>Nhấp đúp hoặc Enter để mở hồ sơ và làm tiếp</source>
        <translation>Double-click or press Enter to open the dossier and continue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="122"/>
        <source>&amp;Làm mới</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="142"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="156"/>
        <source>{n} hồ sơ tiếp nhận hôm nay.</source>
        <translation>{n} dossiers received today.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="158"/>
        <source>Chưa có hồ sơ nào hôm nay.</source>
        <translation>No dossiers yet today.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="163"/>
        <source>Không tải được danh sách: {m}</source>
        <translation>Could not load the list: {m}</translation>
    </message>
</context>
<context>
    <name>_NamedForm</name>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="96"/>
        <source>như trên giấy tờ của {what}</source>
        <translation>as on the {what}&apos;s papers</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="98"/>
        <source>địa chỉ trụ sở</source>
        <translation>head office address</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="109"/>
        <source>Tên:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="110"/>
        <source>Địa chỉ trụ sở:</source>
        <translation>Head office:</translation>
    </message>
    <message>
        <location filename="../../ui/intake/applicant_forms.py" line="137"/>
        <source>✓ Hợp lệ: {code}</source>
        <translation>✓ Valid: {code}</translation>
    </message>
</context>
<context>
    <name>section</name>
    <message>
        <location filename="../../ui/intake/resume_offer.py" line="109"/>
        <source>Hồ sơ {ref}{who} đang ở bước {step}. Mọi thông tin và trang đã quét đều đã được lưu trong thư mục dữ liệu {folder}.

Lần mở sau trong hôm nay, chương trình sẽ đề nghị làm tiếp; cũng có thể mở lại bằng «Tiếp tục hồ sơ…» (Ctrl+R).</source>
        <translation>Dossier {ref}{who} is at step {step}. All its details and scanned pages are saved in the data folder {folder}.

When the application is next opened today, it will offer to continue; you can also reopen the dossier with “Continue a dossier…” (Ctrl+R).</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
    <context>
        <name />
        <message>
            <location filename="../../ui/guidance_text.py" line="88" />
            <source>cán bộ sẽ báo</source>
            <translation>the officer will tell you</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="90" />
            <source>miễn phí</source>
            <translation>free</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="91" />
            <source>{amount} đồng</source>
            <translation>{amount} VND</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="103" />
            <location filename="../../ui/guidance_text.py" line="229" />
            <source>Mã hồ sơ: {code}</source>
            <translation>Dossier code: {code}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="105" />
            <location filename="../../ui/guidance_text.py" line="231" />
            <source>Số tham chiếu: {ref} (mã hồ sơ sẽ được gửi sau)</source>
            <translation>Reference: {ref} (the dossier code will be sent later)</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="107" />
            <location filename="../../ui/guidance_text.py" line="233" />
            <source>Ngày hẹn trả kết quả: {day}</source>
            <translation>Result due on: {day}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="124" />
            <source>Nơi tiếp nhận: {office}</source>
            <translation>Receiving office: {office}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="127" />
            <source>Xin chào ông/bà</source>
            <translation>Welcome</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="129" />
            <source>Cán bộ sẽ giúp ông/bà nộp hồ sơ trực tuyến ngay tại quầy; màn hình này cho biết từng việc đang làm để lần sau ông/bà có thể tự làm.</source>
            <translation>The officer will help you file your dossier online right here at the counter; this screen shows each step so that next time you can do it yourself.</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="139" />
            <source>Họ và tên: {name}</source>
            <translation>Full name: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="141" />
            <source>Số định danh: {masked}</source>
            <translation>ID number: {masked}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="144" />
            <source>Đọc thẻ căn cước</source>
            <translation>Reading the ID card</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="146" />
            <source>Cán bộ quét mã QR trên thẻ căn cước để điền sẵn họ tên và số định danh của ông/bà, không phải viết tay và không sợ ghi nhầm.</source>
            <translation>The officer scans the QR code on your ID card to fill in your name and ID number, with no handwriting and no typing mistakes.</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="158" />
            <source>Thủ tục: {name}</source>
            <translation>Procedure: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="159" />
            <source>Lệ phí: {fee}</source>
            <translation>Fee: {fee}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="161" />
            <source>Thời hạn giải quyết: {days} ngày làm việc</source>
            <translation>Processing time: {days} working days</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="164" />
            <source>Chọn thủ tục</source>
            <translation>Choose procedure</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="166" />
            <source>Cán bộ chọn đúng thủ tục ông/bà cần làm; ông/bà xem lại tên thủ tục, lệ phí và thời hạn giải quyết dưới đây.</source>
            <translation>The officer picks the procedure you need; please check its name, the fee and the processing time below.</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="176" />
            <source>Giấy tờ: {name}</source>
            <translation>Document: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="180" />
            <source>Trang {page}/{pages}</source>
            <translation>Page {page}/{pages}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="184" />
            <source>Quét giấy tờ</source>
            <translation>Scan papers</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="186" />
            <source>Từng trang giấy tờ được quét thành bản điện tử để gửi qua mạng, nên cơ quan giải quyết không cần bản giấy và lần sau giấy tờ này có thể được dùng lại.</source>
            <translation>Each page is scanned into an electronic copy sent over the network, so the deciding agency needs no paper and this document can be reused next time.</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="195" />
            <source>Số giấy tờ được ký: {count}</source>
            <translation>Documents signed: {count}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="198" />
            <source>Ký số</source>
            <translation>Digital signature</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="200" />
            <source>Cán bộ ký số để xác nhận bản điện tử đúng với giấy tờ ông/bà mang đến, giống như ký tên và đóng dấu trên giấy.</source>
            <translation>The officer signs digitally to confirm the electronic copies match the papers you brought, like signing and stamping on paper.</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="209" />
            <source>Đường truyền đang gián đoạn: hồ sơ đã được lưu và sẽ tự gửi ngay khi có mạng.</source>
            <translation>The connection is down: your dossier is saved and will be sent automatically as soon as the network is back.</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="215" />
            <source>Nộp trực tuyến</source>
            <translation>File online</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="217" />
            <source>Hồ sơ đứng tên ông/bà đang được gửi lên Cổng dịch vụ công; từ lần sau ông/bà có thể tự làm việc này trên VNeID hoặc Cổng dịch vụ công.</source>
            <translation>Your dossier is being sent in your name to the Public Service Portal; from next time you can do this yourself on VNeID or the Public Service Portal.</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="236" />
            <source>Phiếu hẹn trả kết quả</source>
            <translation>Appointment receipt</translation>
        </message>
        <message>
            <location filename="../../ui/guidance_text.py" line="238" />
            <source>Hồ sơ đã được tiếp nhận; ông/bà giữ phiếu hẹn và quét mã QR bằng điện thoại để theo dõi hồ sơ đến khi có kết quả.</source>
            <translation>Your dossier has been received; keep the receipt and scan the QR code with your phone to follow the dossier until the result is ready.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="90" />
            <source>Đặt lại trang vào máy rồi bấm «Quét» (F5): trang mới thay đúng chỗ trang cũ.</source>
            <translation>Put the page back in the scanner and press “Scan” (F5): the new page replaces the old one in place.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="95" />
            <source>Đặt trang cần chèn vào máy rồi bấm «Quét» (F5): trang mới vào trước trang {n}.</source>
            <translation>Put the page to insert in the scanner and press “Scan” (F5): the new page goes before page {n}.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="121" />
            <source>Đã chụp và lưu 1 trang.</source>
            <translation>Captured and saved 1 page.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="123" />
            <source>Trang có vẻ để trắng (viền đỏ): kiểm tra lại.</source>
            <translation>The page looks blank (red frame): please check it.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="127" />
            <source>Ảnh chụp chỉ đạt khoảng {dpi} dpi, dưới chuẩn 200 dpi: đưa camera lại gần hơn, dùng camera độ phân giải cao hơn, hoặc quét bằng máy quét.</source>
            <translation>The photo only reaches about {dpi} dpi, below the 200 dpi standard: bring the camera closer, use a higher-resolution camera, or use a scanner.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="133" />
            <source>Đã cập nhật các trang.</source>
            <translation>Pages updated.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="148" />
            <source>Đang sắp xếp lại các trang…</source>
            <translation>Reordering the pages…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="151" />
            <source>Đang xoay trang…</source>
            <translation>Rotating the page…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="154" />
            <source>Đang xóa trang…</source>
            <translation>Deleting the page…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="160" />
            <source>Chọn một thành phần hồ sơ trước khi chụp.</source>
            <translation>Choose a dossier component before capturing.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_page_edits.py" line="172" />
            <source>Đang làm sạch và lưu ảnh chụp…</source>
            <translation>Cleaning and saving the capture…</translation>
        </message>
    </context>
    <context>
        <name>CameraPane</name>
        <message>
            <location filename="../../ui/widgets/scan_camera_pane.py" line="37" />
            <source>Tự chụp khi trang đứng &amp;yên</source>
            <translation>Capture automatically when the page is s&amp;till</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_camera_pane.py" line="39" />
            <source>Chụp một lần khi khung trang đứng yên khoảng 1 giây</source>
            <translation>Capture once when the page outline has been still for about 1 second</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_camera_pane.py" line="41" />
            <source>&amp;Nhận khung lại</source>
            <translation>Re-&amp;detect outline</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_camera_pane.py" line="42" />
            <source>Bỏ các góc đã kéo tay, để máy tự nhận khung trang</source>
            <translation>Discard the corners dragged by hand and let the page outline be detected again</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_camera_pane.py" line="91" />
            <source>{fps:.0f} khung hình/giây</source>
            <translation>{fps:.0f} frames/second</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_camera_pane.py" line="102" />
            <source>Camera đã ngừng gửi hình.</source>
            <translation>The camera stopped sending pictures.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_camera_pane.py" line="114" />
            <source>Đã chỉnh khung bằng tay: bấm Space để chụp.</source>
            <translation>Outline corrected by hand: press Space to capture.</translation>
        </message>
    </context>
    <context>
        <name>CameraPicker</name>
        <message>
            <location filename="../../ui/widgets/id_camera_picker.py" line="32" />
            <source>Chọn camera dùng để đọc thẻ</source>
            <translation>Choose the camera that reads the card</translation>
        </message>
    </context>
    <context>
        <name>CameraView</name>
        <message>
            <location filename="../../ui/widgets/scan_camera.py" line="188" />
            <source>Xem trước camera</source>
            <translation>Camera preview</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_camera.py" line="191" />
            <source>Kéo các góc xanh để chỉnh khung trang. Space: chụp ngay. Tự chụp khi trang đứng yên ~1 giây.</source>
            <translation>Drag the green corners to correct the page outline. Space: capture now. Captures by itself when the page is still for ~1 second.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_camera.py" line="246" />
            <source>Đang mở camera…</source>
            <translation>Opening the camera…</translation>
        </message>
    </context>
    <context>
        <name>CertificatePickerDialog</name>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="76" />
            <source>Chọn chứng thư số để ký</source>
            <translation>Choose the signing certificate</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="80" />
            <source>CHỨNG THƯ DEMO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ</source>
            <translation>DEMO CERTIFICATE — NO LEGAL VALIDITY</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="84" />
            <location filename="../../ui/widgets/sign_picker.py" line="148" />
            <source>Đang tìm thiết bị ký số (USB token)…</source>
            <translation>Looking for signing devices (USB tokens)…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="111" />
            <source>&amp;Ký bằng chứng thư này</source>
            <translation>&amp;Sign with this certificate</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="112" />
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="115" />
            <source>&amp;Làm mới</source>
            <translation>&amp;Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="116" />
            <source>Đọc lại danh sách token đang cắm (F5)</source>
            <translation>Read the plugged-in tokens again (F5)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="117" />
            <source>&amp;Hủy</source>
            <translation>&amp;Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="118" />
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="168" />
            <source>Không tìm thấy USB token: chữ ký sẽ dùng chứng thư DEMO, chỉ để thử nghiệm và đào tạo.</source>
            <translation>No USB token found: the signature will use the DEMO certificate, for testing and training only.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="173" />
            <source>Chưa cắm thiết bị ký số (USB token). Cắm token, chờ đèn sáng rồi bấm «Làm mới».</source>
            <translation>No signing device (USB token) is plugged in. Plug in the token, wait for its light, then press “Refresh”.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="179" />
            <source>{n} token, {u} chứng thư dùng để ký được. Chứng thư màu xám không chọn được.</source>
            <translation>{n} token(s), {u} certificate(s) usable for signing. Greyed certificates cannot be chosen.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="184" />
            <source>Không dùng được {path}: {message}</source>
            <translation>Cannot use {path}: {message}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="203" />
            <source>Dùng để ký được</source>
            <translation>Usable for signing</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="205" />
            <source>Không chọn được: {reason}</source>
            <translation>Cannot be chosen: {reason}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="231" />
            <source>Cấp bởi: {issuer} · Số hiệu: {serial} · Khóa: {alg}</source>
            <translation>Issued by: {issuer} · Serial: {serial} · Key: {alg}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_picker.py" line="234" />
            <source>Hiệu lực: {validity} · Mục đích: {usage}</source>
            <translation>Validity: {validity} · Usage: {usage}</translation>
        </message>
    </context>
    <context>
        <name>CitizenPage</name>
        <message>
            <location filename="../../ui/intake/citizen_page.py" line="45" />
            <source>Người nộp là cán bộ, công chức, &amp;viên chức</source>
            <translation>The applicant is a &amp;civil servant or public employee</translation>
        </message>
        <message>
            <location filename="../../ui/intake/citizen_page.py" line="47" />
            <source>Kê&amp;nh nộp:</source>
            <translation>Filing cha&amp;nnel:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/citizen_page.py" line="56" />
            <source>Công dân đã từng nộp hồ sơ</source>
            <translation>Returning citizen</translation>
        </message>
        <message>
            <location filename="../../ui/intake/citizen_page.py" line="58" />
            <source>Hồ sơ trước đây:</source>
            <translation>Earlier dossiers:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/citizen_page.py" line="60" />
            <source>Giấy tờ đã số hóa, đã ký — có thể tái sử dụng:</source>
            <translation>Digitised, signed documents — may be reused:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/citizen_page.py" line="95" />
            <source>Đang lưu công dân vào hồ sơ…</source>
            <translation>Saving the citizen to the dossier…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/citizen_page.py" line="125" />
            <source>Công dân của hồ sơ: &lt;b&gt;{name}&lt;/b&gt; — số định danh {number} (cách xác định: {method}).</source>
            <translation>Citizen of this dossier: &lt;b&gt;{name}&lt;/b&gt; — ID number {number} (identified by: {method}).</translation>
        </message>
        <message>
            <location filename="../../ui/intake/citizen_page.py" line="140" />
            <source>{name} (hồ sơ {ref}, {pages} trang)</source>
            <translation>{name} (dossier {ref}, {pages} pages)</translation>
        </message>
    </context>
    <context>
        <name>ComponentsPage</name>
        <message>
            <location filename="../../ui/intake/components_page.py" line="65" />
            <source>Nhập từ tệp…</source>
            <translation>Import from file…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="66" />
            <source>Thêm trang từ ảnh hoặc tệp PDF (Ctrl+O)</source>
            <translation>Add pages from images or PDF files (Ctrl+O)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="69" />
            <source>Tái &amp;sử dụng</source>
            <translation>Re&amp;use</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="71" />
            <source>&amp;Không cung cấp</source>
            <translation>&amp;Not provided</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="72" />
            <source>Công dân không nộp thành phần này</source>
            <translation>The citizen does not hand in this component</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="74" />
            <source>Đã xem &amp;bản chính</source>
            <translation>&amp;Original seen</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="80" />
            <source>Tạo &amp;PDF cho hồ sơ</source>
            <translation>Build &amp;PDFs for the dossier</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="81" />
            <source>Kết thúc quét và tạo PDF cho từng thành phần (Ctrl+B)</source>
            <translation>Finish scanning and build one PDF per component (Ctrl+B)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="96" />
            <source>Thành phần hồ sơ (✱ bắt buộc):</source>
            <translation>Dossier components (✱ required):</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="125" />
            <source>Còn thiếu {n} thành phần bắt buộc.</source>
            <translation>{n} required components still missing.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="128" />
            <source>⚠ Cần bổ sung: {reason}</source>
            <translation>⚠ To supply: {reason}</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="135" />
            <source>chưa có</source>
            <translation>missing</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="136" />
            <source>{n} trang đã quét</source>
            <translation>{n} pages scanned</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="137" />
            <source>PDF {n} trang</source>
            <translation>PDF, {n} pages</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="138" />
            <source>PDF {n} trang, đã ký</source>
            <translation>PDF, {n} pages, signed</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="139" />
            <source>tái sử dụng bản đã ký</source>
            <translation>signed copy reused</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="140" />
            <source>không cung cấp</source>
            <translation>not provided</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="143" />
            <source> · đã xem bản chính</source>
            <translation> · original seen</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="145" />
            <source> · ⚠ cần bổ sung</source>
            <translation> · ⚠ to supply</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="181" />
            <source>Dùng lại bản đã ký trong hồ sơ {ref} ({pages} trang)</source>
            <translation>Reuse the signed copy from dossier {ref} ({pages} pages)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="185" />
            <source>Công dân chưa có bản đã ký của giấy tờ này</source>
            <translation>The citizen has no signed copy of this document yet</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="208" />
            <source>Đang tải lại hồ sơ…</source>
            <translation>Reloading the dossier…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="233" />
            <source>Chọn ảnh hoặc tệp PDF</source>
            <translation>Choose images or PDF files</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="240" />
            <source>Đang nhập trang từ tệp…</source>
            <translation>Importing pages from files…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="248" />
            <source>Đang tái sử dụng giấy tờ đã ký…</source>
            <translation>Reusing the signed document…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="257" />
            <location filename="../../ui/intake/components_page.py" line="265" />
            <source>Đang ghi nhận…</source>
            <translation>Recording…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/components_page.py" line="279" />
            <source>Đang tạo các tệp PDF…</source>
            <translation>Building the PDFs…</translation>
        </message>
    </context>
    <context>
        <name>CounterStatusBar</name>
        <message>
            <location filename="../../ui/status_bar.py" line="26" />
            <source>ĐÀO TẠO</source>
            <translation>TRAINING</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="30" />
            <source>Hồ sơ được nộp vào cổng thử nghiệm, không gửi lên cổng dịch vụ công thật.</source>
            <translation>Dossiers are filed to the sandbox portal, never to the real public service portal.</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="33" />
            <source>Đơn vị: {name}</source>
            <translation>Office: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="34" />
            <source>Cán bộ: {name}</source>
            <translation>Officer: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="38" />
            <source>Đang kiểm tra thiết bị…</source>
            <translation>Checking devices…</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="43" />
            <location filename="../../ui/status_bar.py" line="64" />
            <source>{mark} Token: {n}</source>
            <translation>{mark} Tokens: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="45" />
            <location filename="../../ui/status_bar.py" line="66" />
            <source>{mark} Không có token (ký DEMO)</source>
            <translation>{mark} No token (DEMO signing)</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="57" />
            <source>{mark} Máy quét: {n} · Camera: {c}</source>
            <translation>{mark} Scanners: {n} · Cameras: {c}</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="69" />
            <source>{mark} Cổng DVC</source>
            <translation>{mark} Portal</translation>
        </message>
        <message>
            <location filename="../../ui/status_bar.py" line="72" />
            <source>{mark} Đồng bộ</source>
            <translation>{mark} Sync</translation>
        </message>
    </context>
    <context>
        <name>DashboardSection</name>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="128" />
            <location filename="../../ui/pages/dashboard.py" line="236" />
            <source>Đang tải số liệu…</source>
            <translation>Loading figures…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="130" />
            <source>&amp;Làm mới</source>
            <translation>&amp;Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="132" />
            <source>Xuất &amp;báo cáo tháng…</source>
            <translation>Export monthly &amp;report…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="182" />
            <source>toàn bộ phận</source>
            <translation>whole office</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="182" />
            <source>của tôi</source>
            <translation>mine</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="158" />
            <source>Hồ sơ tiếp nhận và nộp trực tuyến theo ngày</source>
            <translation>Dossiers received and filed online per day</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="159" />
            <source>Tỉ lệ trực tuyến theo ngày so với chỉ tiêu</source>
            <translation>Daily online rate against the target</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="169" />
            <source>Tổng quan</source>
            <translation>Overview</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="170" />
            <source>Theo thủ tục</source>
            <translation>By procedure</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="185" />
            <source>Theo cán bộ</source>
            <translation>By officer</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="41" />
            <location filename="../../ui/pages/dashboard.py" line="260" />
            <source>Tiếp nhận</source>
            <translation>Intake</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="40" />
            <source>Nhóm</source>
            <translation>Group</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="42" />
            <location filename="../../ui/pages/dashboard.py" line="261" />
            <source>Trực tuyến</source>
            <translation>Online</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="43" />
            <source>Số hóa</source>
            <translation>Digitised</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="44" />
            <source>Tái sử dụng</source>
            <translation>Reused</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="45" />
            <source>Hướng dẫn</source>
            <translation>Guided</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="46" />
            <source>Đúng hạn</source>
            <translation>On time</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="47" />
            <source>Trung vị tiếp nhận (giây)</source>
            <translation>Median intake (s)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="138" />
            <source>Xem &amp;toàn bộ phận…</source>
            <translation>View the whole &amp;office…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="139" />
            <source>Lãnh đạo bộ phận nhập mã PIN để xem số liệu của mọi cán bộ</source>
            <translation>The office supervisor enters the PIN to see every officer's figures</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="222" />
            <source>Không kiểm tra được mã PIN: {m} {h}</source>
            <translation>Could not check the PIN: {m} {h}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="267" />
            <source>Tỉ lệ trực tuyến</source>
            <translation>Online rate</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="276" />
            <source>Tháng {m}: {n} hồ sơ tiếp nhận. Hàng đợi nộp: {p} đang chờ, {a} cần xử lý.</source>
            <translation>Month {m}: {n} dossiers received. Submission queue: {p} waiting, {a} need attention.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="303" />
            <source>Xuất báo cáo tháng</source>
            <translation>Export monthly report</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="303" />
            <source>Excel (*.xlsx);;PDF (*.pdf)</source>
            <translation>Excel (*.xlsx);;PDF (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="312" />
            <source>Đang lập báo cáo tháng {m}…</source>
            <translation>Building the report for {m}…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="325" />
            <source>Đã lưu báo cáo: {p}</source>
            <translation>Report saved: {p}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="331" />
            <source>Không tải được số liệu: {m} {h}</source>
            <translation>Could not load the figures: {m} {h}</translation>
        </message>
    </context>
    <context>
        <name>DiagnosticsSection</name>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="51" />
            <source>Chưa chạy chẩn đoán.</source>
            <translation>Diagnostics not run yet.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="52" />
            <source>&amp;Chạy chẩn đoán</source>
            <translation>&amp;Run diagnostics</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="54" />
            <source>Mở thư mục &amp;dữ liệu</source>
            <translation>Open &amp;data folder</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="61" />
            <source>Xuất gói &amp;hỗ trợ…</source>
            <translation>Export support &amp;bundle…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="68" />
            <source>Mục</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="68" />
            <source>Kết quả</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="73" />
            <source>Tùy chọn</source>
            <translation>Option</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="73" />
            <source>Giá trị</source>
            <translation>Value</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="73" />
            <source>Nguồn</source>
            <translation>Origin</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="73" />
            <source>Khóa</source>
            <translation>Locked</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="83" />
            <source>Chẩn đoán</source>
            <translation>Diagnostics</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="30" />
            <location filename="../../ui/pages/diagnostics.py" line="84" />
            <source>Cấu hình</source>
            <translation>Configuration</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="31" />
            <source>Cơ sở dữ liệu</source>
            <translation>Database</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="32" />
            <source>Nhật ký sự kiện</source>
            <translation>Event log</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="33" />
            <source>Lưu trữ và mã hóa</source>
            <translation>Storage and encryption</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="34" />
            <source>Máy quét và camera</source>
            <translation>Scanners and cameras</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="35" />
            <source>Chữ ký số (token)</source>
            <translation>Digital signature (token)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="36" />
            <source>Cổng dịch vụ công</source>
            <translation>Public service portal</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="37" />
            <source>Đồng bộ thống kê</source>
            <translation>Statistics sync</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="38" />
            <source>Nhận dạng chữ (OCR)</source>
            <translation>Text recognition (OCR)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="39" />
            <source>Đọc mã QR</source>
            <translation>QR reading</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="85" />
            <source>Nhật ký</source>
            <translation>Log</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="118" />
            <source>Đang kiểm tra thiết bị và kết nối…</source>
            <translation>Checking devices and connections…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="130" />
            <source>tốt</source>
            <translation>good</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="130" />
            <source>có vấn đề</source>
            <translation>problem</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="141" />
            <source>Cần chú ý: {items}.</source>
            <translation>Needs attention: {items}.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="143" />
            <source>Mọi mục đều tốt.</source>
            <translation>Everything is fine.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="152" />
            <source>Xuất gói hỗ trợ</source>
            <translation>Export support bundle</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="152" />
            <source>Tệp zip (*.zip)</source>
            <translation>Zip file (*.zip)</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="161" />
            <source>Đang tạo gói hỗ trợ…</source>
            <translation>Building the support bundle…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="173" />
            <source>Đã lưu gói hỗ trợ: {p}. Gửi tệp này cho bộ phận CNTT.</source>
            <translation>Support bundle saved: {p}. Send this file to IT.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/diagnostics.py" line="180" />
            <source>Chẩn đoán thất bại: {m}</source>
            <translation>Diagnostics failed: {m}</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <location filename="../../ui/dialogs.py" line="16" />
            <source>Không thực hiện được</source>
            <translation>Could not be done</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs.py" line="30" />
            <source>Lỗi không mong muốn</source>
            <translation>Unexpected error</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs.py" line="31" />
            <source>Ứng dụng gặp lỗi không mong muốn. Hồ sơ đang làm vẫn được giữ nguyên. Hãy sao chép chi tiết bên dưới và gửi cho bộ phận CNTT.</source>
            <translation>The application hit an unexpected error. The dossier in progress is kept as it was. Copy the details below and send them to IT.</translation>
        </message>
        <message>
            <location filename="../../ui/dialogs.py" line="38" />
            <source>Tệp báo lỗi: {path}</source>
            <translation>Crash report: {path}</translation>
        </message>
    </context>
    <context>
        <name>DossierExits</name>
        <message>
            <location filename="../../ui/intake/exits.py" line="130" />
            <source>Yêu cầu bổ sung…</source>
            <translation>Request supplement…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="132" />
            <source>Công dân cần bổ sung giấy tờ: ghi lý do, hồ sơ quay về bước Thành phần (Ctrl+Shift+B)</source>
            <translation>The citizen must supply papers: give the reason, the dossier goes back to the Components step (Ctrl+Shift+B)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="136" />
            <source>Hủy hồ sơ…</source>
            <translation>Cancel dossier…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="137" />
            <source>Hủy hồ sơ đang mở, có ghi lý do (Ctrl+Shift+H)</source>
            <translation>Cancel the open dossier, with a reason (Ctrl+Shift+H)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="183" />
            <source>Đang ghi nhận yêu cầu bổ sung…</source>
            <translation>Recording the supplement request…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="195" />
            <source>Hồ sơ {ref} chờ công dân bổ sung; các thành phần cần bổ sung được đánh dấu ⚠.</source>
            <translation>Dossier {ref} waits for the citizen's supplement; the components to supply are marked ⚠.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="208" />
            <source>Hủy hồ sơ</source>
            <translation>Cancel dossier</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="210" />
            <source>Hủy hồ sơ {ref}? Hồ sơ rời màn hình tiếp nhận và không nộp lên cổng; nếu hồ sơ đang chờ gửi trong hàng đợi thì việc gửi cũng bị hủy. Các trang đã quét vẫn được lưu lại.</source>
            <translation>Cancel dossier {ref}? It leaves the intake screen and is not filed on the portal; if it is waiting in the queue, the sending is cancelled too. The scanned pages are kept.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="213" />
            <source>&amp;Hủy hồ sơ</source>
            <translation>&amp;Cancel dossier</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="225" />
            <source>Đang hủy hồ sơ…</source>
            <translation>Cancelling the dossier…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="234" />
            <source>Đã hủy hồ sơ {ref}.</source>
            <translation>Dossier {ref} cancelled.</translation>
        </message>
    </context>
    <context>
        <name>DossierTableModel</name>
        <message>
            <location filename="../../ui/pages/today.py" line="51" />
            <source>Mã nội bộ</source>
            <translation>Local reference</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="52" />
            <source>Thủ tục</source>
            <translation>Procedure</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="53" />
            <source>Trạng thái</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="54" />
            <source>Mã hồ sơ</source>
            <translation>Dossier code</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="55" />
            <source>Hẹn trả</source>
            <translation>Appointment</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="56" />
            <source>Giờ tạo</source>
            <translation>Created</translation>
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <location filename="../../ui/intake/form_dialog.py" line="24" />
            <source>{name} (Mẫu {form})</source>
            <translation>{name} (Form {form})</translation>
        </message>
        <message>
            <location filename="../../ui/intake/form_dialog.py" line="26" />
            <source>Đã lập &lt;b&gt;{name}&lt;/b&gt; cho hồ sơ {ref}. In và trao cho công dân.</source>
            <translation>&lt;b&gt;{name}&lt;/b&gt; made for dossier {ref}. Print it and hand it to the citizen.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/form_dialog.py" line="39" />
            <source>&amp;In phiếu…</source>
            <translation>&amp;Print…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/form_dialog.py" line="43" />
            <source>&amp;Lưu tệp PDF…</source>
            <translation>&amp;Save as PDF…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/form_dialog.py" line="47" />
            <source>Đó&amp;ng</source>
            <translation>&amp;Close</translation>
        </message>
    </context>
    <context>
        <name>FormPrinter</name>
        <message>
            <location filename="../../ui/intake/form_print.py" line="38" />
            <source>Đang chuẩn bị in…</source>
            <translation>Preparing to print…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/form_print.py" line="46" />
            <source>Đã lưu phiếu.</source>
            <translation>Form saved.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/form_print.py" line="47" />
            <source>Đang lưu phiếu…</source>
            <translation>Saving the form…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/form_print.py" line="53" />
            <source>Lưu phiếu</source>
            <translation>Save the form</translation>
        </message>
    </context>
    <context>
        <name>GuidanceWindow</name>
        <message>
            <location filename="../../ui/guidance.py" line="91" />
            <source>Hướng dẫn công dân — Bộ phận Một cửa</source>
            <translation>Citizen guide — One-stop counter</translation>
        </message>
        <message>
            <location filename="../../ui/guidance.py" line="94" />
            <source>F11: bật/tắt toàn màn hình</source>
            <translation>F11: full screen on/off</translation>
        </message>
        <message>
            <location filename="../../ui/guidance.py" line="98" />
            <source>Bộ phận Một cửa — Hướng dẫn nộp hồ sơ trực tuyến</source>
            <translation>One-stop counter — guide to filing online</translation>
        </message>
        <message>
            <location filename="../../ui/guidance.py" line="127" />
            <source>Mã QR theo dõi hồ sơ</source>
            <translation>QR code to follow the dossier</translation>
        </message>
        <message>
            <location filename="../../ui/guidance.py" line="128" />
            <source>Quét mã để theo dõi hồ sơ</source>
            <translation>Scan to follow your dossier</translation>
        </message>
        <message>
            <location filename="../../ui/guidance.py" line="270" />
            <source>Bước {n}/{total}: {title}</source>
            <translation>Step {n}/{total}: {title}</translation>
        </message>
        <message>
            <location filename="../../ui/guidance.py" line="280" />
            <source>Việc của ông/bà: {part}</source>
            <translation>Your part: {part}</translation>
        </message>
        <message>
            <source>Nơi tiếp nhận: {office}</source>
            <translation>Receiving office: {office}</translation>
        </message>
        <message>
            <source>Xin chào ông/bà</source>
            <translation>Welcome</translation>
        </message>
        <message>
            <source>Cán bộ sẽ giúp ông/bà nộp hồ sơ trực tuyến ngay tại quầy; màn hình này cho biết từng việc đang làm để lần sau ông/bà có thể tự làm.</source>
            <translation>The officer will help you file your dossier online right here at the counter; this screen shows each step so that next time you can do it yourself.</translation>
        </message>
        <message>
            <source>Đưa cho cán bộ thẻ căn cước và các giấy tờ ông/bà mang theo.</source>
            <translation>Hand the officer your ID card and the papers you brought.</translation>
        </message>
        <message>
            <source>Họ và tên: {name}</source>
            <translation>Full name: {name}</translation>
        </message>
        <message>
            <source>Số định danh: {masked}</source>
            <translation>ID number: {masked}</translation>
        </message>
        <message>
            <source>Đọc thẻ căn cước</source>
            <translation>Reading the ID card</translation>
        </message>
        <message>
            <source>Cán bộ quét mã QR trên thẻ căn cước để điền sẵn họ tên và số định danh của ông/bà, không phải viết tay và không sợ ghi nhầm.</source>
            <translation>The officer scans the QR code on your ID card to fill in your name and ID number, with no handwriting and no typing mistakes.</translation>
        </message>
        <message>
            <source>Xem họ tên và số định danh trên màn hình; nếu sai, báo ngay cho cán bộ.</source>
            <translation>Check your name and ID number on the screen; if wrong, tell the officer at once.</translation>
        </message>
        <message>
            <source>Thủ tục: {name}</source>
            <translation>Procedure: {name}</translation>
        </message>
        <message>
            <source>Lệ phí: {fee}</source>
            <translation>Fee: {fee}</translation>
        </message>
        <message>
            <source>{amount} đồng</source>
            <translation>{amount} VND</translation>
        </message>
        <message>
            <source>Thời hạn giải quyết: {days} ngày làm việc</source>
            <translation>Processing time: {days} working days</translation>
        </message>
        <message>
            <source>Chọn thủ tục</source>
            <translation>Choose procedure</translation>
        </message>
        <message>
            <source>Cán bộ chọn đúng thủ tục ông/bà cần làm; ông/bà xem lại tên thủ tục, lệ phí và thời hạn giải quyết dưới đây.</source>
            <translation>The officer picks the procedure you need; please check its name, the fee and the processing time below.</translation>
        </message>
        <message>
            <source>Xem đúng thủ tục mình cần làm chưa; có thắc mắc về lệ phí, hãy hỏi cán bộ.</source>
            <translation>Check this is the procedure you need; ask the officer about the fee if unsure.</translation>
        </message>
        <message>
            <source>Giấy tờ: {name}</source>
            <translation>Document: {name}</translation>
        </message>
        <message>
            <source>Trang {page}/{pages}</source>
            <translation>Page {page}/{pages}</translation>
        </message>
        <message>
            <source>Quét giấy tờ</source>
            <translation>Scan papers</translation>
        </message>
        <message>
            <source>Từng trang giấy tờ được quét thành bản điện tử để gửi qua mạng, nên cơ quan giải quyết không cần bản giấy và lần sau giấy tờ này có thể được dùng lại.</source>
            <translation>Each page is scanned into an electronic copy sent over the network, so the deciding agency needs no paper and this document can be reused next time.</translation>
        </message>
        <message>
            <source>Xem cán bộ quét từng trang: lần sau ông/bà có thể tự chụp giấy tờ bằng điện thoại.</source>
            <translation>Watch the officer scan each page: next time you can photograph papers with your phone.</translation>
        </message>
        <message>
            <source>Số giấy tờ được ký: {count}</source>
            <translation>Documents signed: {count}</translation>
        </message>
        <message>
            <source>Ký số</source>
            <translation>Digital signature</translation>
        </message>
        <message>
            <source>Cán bộ ký số để xác nhận bản điện tử đúng với giấy tờ ông/bà mang đến, giống như ký tên và đóng dấu trên giấy.</source>
            <translation>The officer signs digitally to confirm the electronic copies match the papers you brought, like signing and stamping on paper.</translation>
        </message>
        <message>
            <source>Không cần làm gì: cán bộ tiếp nhận ký bằng chữ ký số của chính mình.</source>
            <translation>Nothing to do: the receiving officer signs with their own digital signature.</translation>
        </message>
        <message>
            <source>Đường truyền đang gián đoạn: hồ sơ đã được lưu và sẽ tự gửi ngay khi có mạng.</source>
            <translation>The connection is down: your dossier is saved and will be sent automatically as soon as the network is back.</translation>
        </message>
        <message>
            <source>Nộp trực tuyến</source>
            <translation>File online</translation>
        </message>
        <message>
            <source>Hồ sơ đứng tên ông/bà đang được gửi lên Cổng dịch vụ công; từ lần sau ông/bà có thể tự làm việc này trên VNeID hoặc Cổng dịch vụ công.</source>
            <translation>Your dossier is being sent in your name to the Public Service Portal; from next time you can do this yourself on VNeID or the Public Service Portal.</translation>
        </message>
        <message>
            <source>Trong lúc chờ, hãy hỏi cán bộ cách tự nộp hồ sơ trên VNeID.</source>
            <translation>While you wait, ask the officer how to file on VNeID yourself.</translation>
        </message>
        <message>
            <source>Số tham chiếu: {ref} (mã hồ sơ sẽ được gửi sau)</source>
            <translation>Reference: {ref} (the dossier code will be sent later)</translation>
        </message>
        <message>
            <source>Ngày hẹn trả kết quả: {day}</source>
            <translation>Result due on: {day}</translation>
        </message>
        <message>
            <source>Phiếu hẹn trả kết quả</source>
            <translation>Appointment receipt</translation>
        </message>
        <message>
            <source>Hồ sơ đã được tiếp nhận; ông/bà giữ phiếu hẹn và quét mã QR bằng điện thoại để theo dõi hồ sơ đến khi có kết quả.</source>
            <translation>Your dossier has been received; keep the receipt and scan the QR code with your phone to follow the dossier until the result is ready.</translation>
        </message>
        <message>
            <source>Cài ứng dụng VNeID và kích hoạt tài khoản định danh điện tử mức 2 (làm tại công an).</source>
            <translation>Install the VNeID app and activate a level-2 electronic identity account (done at the police).</translation>
        </message>
        <message>
            <source>Đăng nhập Cổng dịch vụ công (dichvucong.gov.vn) bằng VNeID, tìm tên thủ tục.</source>
            <translation>Log in to the Public Service Portal (dichvucong.gov.vn) with VNeID and search for the procedure.</translation>
        </message>
        <message>
            <source>Điền tờ khai, chụp giấy tờ bằng điện thoại, bấm Nộp và theo dõi hồ sơ.</source>
            <translation>Fill in the form, photograph your papers with the phone, press Submit and follow your dossier.</translation>
        </message>
        <message>
            <source>Mã hồ sơ: {code}</source>
            <translation>Dossier code: {code}</translation>
        </message>
        <message>
            <source>miễn phí</source>
            <translation>free</translation>
        </message>
        <message>
            <source>cán bộ sẽ báo</source>
            <translation>the officer will tell you</translation>
        </message>
        <message>
            <source>Chào mừng</source>
            <translation>Welcome</translation>
        </message>
        <message>
            <source>Đọc CCCD</source>
            <translation>Read ID card</translation>
        </message>
        <message>
            <source>Phiếu hẹn</source>
            <translation>Receipt</translation>
        </message>
        <message>
            <source>Lần sau, ông/bà có thể tự nộp trực tuyến</source>
            <translation>Next time, you can file online yourself</translation>
        </message>
    </context>
    <context>
        <name>IdCaptureWidget</name>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="87" />
            <location filename="../../ui/widgets/id_capture.py" line="176" />
            <source>Camera đang tắt. Nhấn F2 để bật.</source>
            <translation>The camera is off. Press F2 to turn it on.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="91" />
            <location filename="../../ui/widgets/id_capture.py" line="304" />
            <source>Bật ca&amp;mera</source>
            <translation>Turn ca&amp;mera on</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="92" />
            <source>Bật/tắt camera đọc mã QR trên thẻ (F2)</source>
            <translation>Turn the camera that reads the card's QR code on/off (F2)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="96" />
            <source>Mở ảnh/&amp;bản quét…</source>
            <translation>Open image/&amp;scan…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="97" />
            <source>Đọc mã QR từ ảnh chụp hoặc bản quét thẻ căn cước (Ctrl+O)</source>
            <translation>Read the QR code from a photo or scan of the ID card (Ctrl+O)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="99" />
            <source>Đọc &amp;lại</source>
            <translation>Read &amp;again</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="100" />
            <source>Đọc lại thẻ đang đặt trước camera</source>
            <translation>Read the card in front of the camera again</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="105" />
            <source>Hủ&amp;y</source>
            <translation>Cance&amp;l</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="106" />
            <source>Thôi đọc ảnh (Esc)</source>
            <translation>Stop reading the image (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="128" />
            <source>Thông tin trên thẻ căn cước</source>
            <translation>Details on the ID card</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="205" />
            <source>Chọn ảnh chụp hoặc bản quét thẻ căn cước</source>
            <translation>Choose a photo or scan of the ID card</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="207" />
            <source>Ảnh (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)</source>
            <translation>Images (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="215" />
            <source>Đang đọc ảnh «{name}»…</source>
            <translation>Reading image “{name}”…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="257" />
            <source>✓ Đọc thành công: {name} — {number}</source>
            <translation>✓ Read successfully: {name} — {number}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="261" />
            <source>Cần xem lại: {warnings}</source>
            <translation>Please check: {warnings}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="265" />
            <source>✓ Đọc thành công</source>
            <translation>✓ Read successfully</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="291" />
            <source>✓ Đã nhận thông tin nhập tay: {name}</source>
            <translation>✓ Manually entered details accepted: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="304" />
            <source>Tắt ca&amp;mera</source>
            <translation>Turn ca&amp;mera off</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="306" />
            <source>Đang mở camera…</source>
            <translation>Opening the camera…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="314" />
            <source>Vẫn có thể dùng máy đọc cầm tay, mở ảnh hoặc nhập tay.</source>
            <translation>You can still use the handheld reader, open an image or type the details.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_capture.py" line="326" />
            <source>Đưa mặt có mã QR của thẻ căn cước vào camera, quét bằng máy đọc cầm tay, mở ảnh (Ctrl+O) hoặc nhập tay.</source>
            <translation>Hold the QR side of the ID card to the camera, scan it with the handheld reader, open an image (Ctrl+O) or type the details.</translation>
        </message>
    </context>
    <context>
        <name>IdForm</name>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="38" />
            <source>12 chữ số</source>
            <translation>12 digits</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="39" />
            <source>9 hoặc 12 chữ số, không bắt buộc</source>
            <translation>9 or 12 digits, optional</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="40" />
            <source>như trên thẻ</source>
            <translation>as on the card</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="41" />
            <location filename="../../ui/widgets/id_form.py" line="47" />
            <source>ngày/tháng/năm</source>
            <translation>day/month/year</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="46" />
            <source>nơi thường trú</source>
            <translation>permanent residence</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="48" />
            <source>&amp;Xác nhận công dân</source>
            <translation>&amp;Confirm citizen</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="49" />
            <source>Dùng thông tin này cho hồ sơ (Enter)</source>
            <translation>Use these details for the dossier (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="54" />
            <source>Số CCCD / định &amp;danh:</source>
            <translation>ID card / personal &amp;number:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="55" />
            <source>Số CMND c&amp;ũ:</source>
            <translation>&amp;Old ID number:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="56" />
            <source>&amp;Họ và tên:</source>
            <translation>&amp;Full name:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="57" />
            <source>Ngày &amp;sinh:</source>
            <translation>Date of &amp;birth:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="58" />
            <source>&amp;Giới tính:</source>
            <translation>&amp;Sex:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="59" />
            <source>Nơi thường t&amp;rú:</source>
            <translation>Permanent &amp;residence:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/id_form.py" line="60" />
            <source>Ngày &amp;cấp:</source>
            <translation>&amp;Issue date:</translation>
        </message>
    </context>
    <context>
        <name>IntakeSection</name>
        <message>
            <location filename="../../ui/intake/section.py" line="100" />
            <source>Hồ sơ mới</source>
            <translation>New dossier</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="101" />
            <source>Bắt đầu hồ sơ mới (Ctrl+N)</source>
            <translation>Start a new dossier (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="105" />
            <source>Tiếp tục hồ sơ…</source>
            <translation>Continue a dossier…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="106" />
            <source>Mở lại hồ sơ chưa xong của hôm nay (Ctrl+R)</source>
            <translation>Reopen an unfinished dossier of today (Ctrl+R)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="128" />
            <source>‹ Quay lại</source>
            <translation>‹ Back</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="129" />
            <source>Bước trước (Alt+Trái)</source>
            <translation>Previous step (Alt+Left)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="131" />
            <source>Bước tiếp ›</source>
            <translation>Next step ›</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="132" />
            <source>Bước sau (Alt+Phải)</source>
            <translation>Next step (Alt+Right)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="219" />
            <source>Đang dừng…</source>
            <translation>Stopping…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="255" />
            <source>Đang mở hồ sơ {ref}…</source>
            <translation>Opening dossier {ref}…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/section.py" line="264" />
            <source>Không có hồ sơ nào đang dở hôm nay</source>
            <translation>No unfinished dossier today</translation>
        </message>
    </context>
    <context>
        <name>KpiTile</name>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="109" />
            <source>{n}/{d} hồ sơ · chỉ tiêu {t} · mức {b}</source>
            <translation>{n}/{d} dossiers · target {t} · band {b}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/dashboard.py" line="118" />
            <source>Điểm theo Quyết định 766: {p:.0f}% điểm tối đa</source>
            <translation>Decision 766 points: {p:.0f}% of the maximum</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="28" />
            <source>[CHẾ ĐỘ ĐÀO TẠO — không nộp lên cổng thật]</source>
            <translation>[TRAINING MODE — nothing is filed to the real portal]</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="30" />
            <source>[CHẾ ĐỘ DEMO]</source>
            <translation>[DEMO MODE]</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="44" />
            <source>Tiếp nhận</source>
            <translation>Intake</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="68" />
            <source>Màn hình hướng dẫn công dân</source>
            <translation>Citizen guidance screen</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="124" />
            <source>Không khởi động được {part}: {m}</source>
            <translation>Could not start {part}: {m}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="130" />
            <source>Dịch vụ nền lỗi: {m}</source>
            <translation>Background services failed: {m}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="46" />
            <source>Thống kê</source>
            <translation>Statistics</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="45" />
            <source>Hồ sơ hôm nay</source>
            <translation>Today's dossiers</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="47" />
            <source>Cài đặt &amp; chẩn đoán</source>
            <translation>Settings &amp; diagnostics</translation>
        </message>
        <message>
            <location filename="../../ui/app.py" line="166" />
            <source>Cơ sở dữ liệu bị hỏng: chỉ xem được, không nhận hồ sơ mới. Báo bộ phận CNTT.</source>
            <translation>The database is damaged: it can be viewed but takes no new dossier. Tell IT.</translation>
        </message>
    </context>
    <context>
        <name>OutboxView</name>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="46" />
            <source>Hồ sơ</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="47" />
            <source>Trạng thái</source>
            <translation>State</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="48" />
            <source>Số lần gửi</source>
            <translation>Attempts</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="49" />
            <source>Mã hồ sơ</source>
            <translation>Dossier code</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="50" />
            <source>Lỗi gần nhất</source>
            <translation>Last error</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="51" />
            <source>Gửi lại lúc</source>
            <translation>Next attempt</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="67" />
            <source>&amp;Gửi lại</source>
            <translation>&amp;Resend</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="68" />
            <source>&amp;Hủy gửi</source>
            <translation>&amp;Cancel sending</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="108" />
            <source>{w} đang chờ gửi · {a} cần xử lý</source>
            <translation>{w} waiting to be sent · {a} need attention</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="112" />
            <source>Không đọc được hàng đợi: {m}</source>
            <translation>Could not read the queue: {m}</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="135" />
            <source>Hủy gửi hồ sơ</source>
            <translation>Cancel sending the dossier</translation>
        </message>
        <message>
            <location filename="../../ui/pages/outbox_view.py" line="136" />
            <source>Hủy gửi hồ sơ này lên cổng? Hồ sơ vẫn được giữ trong máy và có thể gửi lại sau.</source>
            <translation>Cancel sending this dossier to the portal? The dossier stays on this computer and can be sent later.</translation>
        </message>
    </context>
    <context>
        <name>PagePreview</name>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="217" />
            <source>Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5).</source>
            <translation>No pages yet. Put the paper in the scanner and press “Scan” (F5).</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="223" />
            <source>Xem trang phóng to</source>
            <translation>Zoomed page view</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="224" />
            <source>Phóng to: + hoặc Ctrl+lăn chuột hoặc nhấp đúp · thu nhỏ: − · cả trang: 0</source>
            <translation>Zoom in: + or Ctrl+mouse wheel or double-click · zoom out: − · whole page: 0</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="230" />
            <source>Trang có vẻ để trắng</source>
            <translation>The page looks blank</translation>
        </message>
    </context>
    <context>
        <name>PagesPane</name>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="199" />
            <source>Kéo thả hoặc Ctrl+←/→: đổi thứ tự · R: xoay 90° · Delete: xóa · Insert: chèn trang · Ctrl+Enter: quét lại trang</source>
            <translation>Drag and drop or Ctrl+←/→: reorder · R: rotate 90° · Delete: delete · Insert: insert page · Ctrl+Enter: re-scan page</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="297" />
            <source>X&amp;oay 90°</source>
            <translation>R&amp;otate 90°</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="298" />
            <source>Xoay trang đang chọn 90° theo chiều kim đồng hồ (R)</source>
            <translation>Rotate the selected page 90° clockwise (R)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="302" />
            <source>Xóa trang</source>
            <translation>Delete page</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="303" />
            <source>Xóa trang đang chọn (Delete trong dải trang)</source>
            <translation>Delete the selected page (Delete in the page strip)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="307" />
            <location filename="../../ui/widgets/scan_thumbnails.py" line="338" />
            <source>Chèn trang</source>
            <translation>Insert page</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="308" />
            <source>Quét thêm trang vào trước trang đang chọn (Insert)</source>
            <translation>Scan more pages in before the selected page (Insert)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="312" />
            <source>Quét &amp;lại trang</source>
            <translation>Re-sca&amp;n page</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="313" />
            <source>Quét lại trang đang chọn, thay vào đúng chỗ (Ctrl+Enter)</source>
            <translation>Re-scan the selected page and put it in the same place (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="316" />
            <source>Chuyển trang sang trái (Ctrl+←)</source>
            <translation>Move the page left (Ctrl+←)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="317" />
            <source>Chuyển trang sang phải (Ctrl+→)</source>
            <translation>Move the page right (Ctrl+→)</translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="49" />
            <source>Nhập mã PIN của USB token</source>
            <translation>Enter the USB token PIN</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="53" />
            <source>Ký {n} tệp bằng chứng thư của &lt;b&gt;{holder}&lt;/b&gt; trên token «{token}».</source>
            <translation>Sign {n} file(s) with the certificate of &lt;b&gt;{holder}&lt;/b&gt; on token “{token}”.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="61" />
            <source>Tôi đã &amp;kiểm tra kỹ mã PIN và hiểu token sẽ bị khóa nếu nhập sai</source>
            <translation>I have &amp;checked the PIN carefully and understand the token will lock if it is wrong</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="65" />
            <source>Token này có bàn phím riêng: bấm «Ký», rồi nhập PIN trên bàn phím của token.</source>
            <translation>This token has its own keypad: press “Sign”, then enter the PIN on the token’s keypad.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="71" />
            <source>&amp;Ký</source>
            <translation>&amp;Sign</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="72" />
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="74" />
            <source>&amp;Hủy</source>
            <translation>&amp;Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="75" />
            <source>Esc</source>
            <translation>Esc</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="89" />
            <source>&amp;Mã PIN:</source>
            <translation>&amp;PIN:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="100" />
            <source>Đã có lần nhập sai mã PIN kể từ lần đăng nhập thành công gần nhất. Hãy nhập thật cẩn thận.</source>
            <translation>A wrong PIN has been entered since the last successful login. Type it very carefully.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_pin.py" line="107" />
            <source>CẢNH BÁO: chỉ còn MỘT lần nhập mã PIN. Nhập sai lần nữa token sẽ bị khóa và phải trả token về nhà cung cấp CA để mở khóa.</source>
            <translation>WARNING: only ONE PIN attempt left. One more wrong PIN locks the token and it must go back to the CA to be unlocked.</translation>
        </message>
    </context>
    <context>
        <name>ProcedurePage</name>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="39" />
            <source>Gõ tên hoặc mã thủ tục, có dấu hoặc không dấu (vd: dang ky khai sinh)</source>
            <translation>Type a procedure name or code, with or without diacritics (e.g. dang ky khai sinh)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="52" />
            <source>&amp;Chọn thủ tục này</source>
            <translation>&amp;Choose this procedure</translation>
        </message>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="53" />
            <source>Chọn thủ tục đang chọn (Enter)</source>
            <translation>Choose the selected procedure (Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="55" />
            <source>Tìm &amp;thủ tục:</source>
            <translation>Find a &amp;procedure:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="99" />
            <source>Không tìm thấy thủ tục nào. Thử gõ ít chữ hơn hoặc gõ mã thủ tục.</source>
            <translation>No procedure found. Type fewer words, or the procedure code.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="110" />
            <source>Không thu phí</source>
            <translation>No fee</translation>
        </message>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="112" />
            <source>{n} ngày làm việc</source>
            <translation>{n} working days</translation>
        </message>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="114" />
            <source>Trong ngày</source>
            <translation>Same day</translation>
        </message>
        <message>
            <location filename="../../ui/intake/procedure_page.py" line="147" />
            <source>Đang chọn thủ tục…</source>
            <translation>Choosing the procedure…</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <location filename="../../ui/widgets/signing.py" line="401" />
            <source>Không ký được</source>
            <translation>Signing failed</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <location filename="../../ui/intake/exits.py" line="50" />
            <source>&amp;Lý do (bắt buộc):</source>
            <translation>&amp;Reason (required):</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="55" />
            <source>&amp;Thôi</source>
            <translation>&amp;Back</translation>
        </message>
    </context>
    <context>
        <name>ReceiptPage</name>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="49" />
            <source>&amp;In phiếu…</source>
            <translation>&amp;Print receipt…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="50" />
            <source>In phiếu tiếp nhận (Ctrl+P)</source>
            <translation>Print the receipt (Ctrl+P)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="53" />
            <source>&amp;Lưu tệp PDF…</source>
            <translation>&amp;Save as PDF…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="54" />
            <source>Lưu phiếu thành tệp PDF (Ctrl+Shift+S)</source>
            <translation>Save the receipt as a PDF file (Ctrl+Shift+S)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="57" />
            <source>Xong, hồ sơ &amp;mới</source>
            <translation>Done, &amp;new dossier</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="58" />
            <source>Đã trao phiếu cho công dân; bắt đầu hồ sơ tiếp theo</source>
            <translation>Receipt handed to the citizen; start the next dossier</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="98" />
            <source>Đang lập phiếu tiếp nhận…</source>
            <translation>Preparing the receipt…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="112" />
            <source>Không xem trước được phiếu; phiếu vẫn in và lưu được.</source>
            <translation>The receipt cannot be previewed; it can still be printed and saved.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="118" />
            <source>&lt;b&gt;Đã nộp trực tuyến.&lt;/b&gt; Mã hồ sơ: &lt;b&gt;{code}&lt;/b&gt; · Hẹn trả kết quả: &lt;b&gt;{date}&lt;/b&gt;</source>
            <translation>&lt;b&gt;Filed online.&lt;/b&gt; Dossier code: &lt;b&gt;{code}&lt;/b&gt; · Result due: &lt;b&gt;{date}&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="126" />
            <source>&lt;b style='color:#a40000'&gt;Cổng chưa nhận hồ sơ:&lt;/b&gt; {message}&lt;br&gt;Việc cần làm: {hint}</source>
            <translation>&lt;b style='color:#a40000'&gt;The portal has not accepted the dossier:&lt;/b&gt; {message}&lt;br&gt;What to do: {hint}</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="129" />
            <source>Xem và gửi lại trong mục «Hồ sơ hôm nay» → hàng đợi.</source>
            <translation>Look at it and resend it under «Today's dossiers» → queue.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/receipt_page.py" line="135" />
            <source>&lt;b&gt;Phiếu TẠM&lt;/b&gt; (mã nội bộ {ref}): hồ sơ đã nằm an toàn trong hàng đợi và sẽ tự gửi khi cổng kết nối được. Phiếu chính thức có mã hồ sơ sẽ hiện ở đây ngay khi cổng trả lời.</source>
            <translation>&lt;b&gt;PROVISIONAL receipt&lt;/b&gt; (local reference {ref}): the dossier is safe in the queue and will be sent as soon as the portal can be reached. The final receipt with the dossier code appears here as soon as the portal answers.</translation>
        </message>
    </context>
    <context>
        <name>ScanPanel</name>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="60" />
            <source>&amp;Quét</source>
            <translation>&amp;Scan</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="62" />
            <source>Quét vào thành phần đang chọn (F5); với camera: chụp ngay (Space)</source>
            <translation>Scan into the selected component (F5); with a camera: capture now (Space)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="65" />
            <source>&amp;Hủy</source>
            <translation>&amp;Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="66" />
            <source>Dừng lượt quét (Esc); các trang đã nhận vẫn được giữ</source>
            <translation>Stop the scan (Esc); pages already received are kept</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="120" />
            <location filename="../../ui/widgets/scan_panel.py" line="312" />
            <source>Chưa có trang nào. Đặt giấy vào máy rồi bấm «Quét» (F5).</source>
            <translation>No pages yet. Put the paper in the scanner and press “Scan” (F5).</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="140" />
            <source>Lỗi không mong đợi: {e}. Xem nhật ký trong mục «Chẩn đoán».</source>
            <translation>Unexpected error: {e}. See the log in “Diagnostics”.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="192" />
            <source>Đang chụp…</source>
            <translation>Capturing…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="202" />
            <source>Đang quét…</source>
            <translation>Scanning…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="205" />
            <location filename="../../ui/widgets/scan_panel.py" line="232" />
            <source>Trang {n}: %p%</source>
            <translation>Page {n}: %p%</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="227" />
            <source>Đang dừng… (các trang đã nhận vẫn được giữ)</source>
            <translation>Stopping… (pages already received are kept)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="236" />
            <source>Đã lưu {n} trang vào hồ sơ.</source>
            <translation>{n} pages saved to the dossier.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="239" />
            <source>Trang mới {n}</source>
            <translation>New page {n}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="249" />
            <source>{message} Đã giữ {n} trang nhận được trước lỗi. {hint}</source>
            <translation>{message} The {n} pages received before the error are kept. {hint}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="255" />
            <source>Đã hủy lượt quét; giữ {n} trang đã nhận.</source>
            <translation>Scan cancelled; the {n} pages received are kept.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="257" />
            <source>Đã quét {n} trang.</source>
            <translation>Scanned {n} pages.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_panel.py" line="260" />
            <source>{n} trang có vẻ để trắng (viền đỏ): kiểm tra rồi xóa nếu đúng.</source>
            <translation>{n} pages look blank (red frame): check them and delete them if so.</translation>
        </message>
    </context>
    <context>
        <name>ScanSettingsBar</name>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="63" />
            <source>Tì&amp;m lại thiết bị</source>
            <translation>Find devices a&amp;gain</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="64" />
            <source>Tìm lại máy quét và camera đang cắm</source>
            <translation>Look again for connected scanners and cameras</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="78" />
            <source>&amp;Thiết bị:</source>
            <translation>&amp;Device:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="88" />
            <source>N&amp;guồn giấy:</source>
            <translation>Paper s&amp;ource:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="89" />
            <source>&amp;Chế độ màu:</source>
            <translation>Colour &amp;mode:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="90" />
            <source>Độ phân giải (&amp;dpi):</source>
            <translation>Resolution (&amp;dpi):</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="104" />
            <source>Đang tìm thiết bị…</source>
            <translation>Looking for devices…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="120" />
            <source>Tìm thấy {n} thiết bị.</source>
            <translation>Found {n} devices.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="122" />
            <source>{n} loại thiết bị không dùng được (di chuột để xem lý do).</source>
            <translation>{n} device types are not available (hover to see why).</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="126" />
            <source>Không tìm thấy máy quét hoặc camera. Cắm thiết bị rồi bấm «Tìm lại thiết bị».</source>
            <translation>No scanner or camera found. Plug the device in, then press “Find devices again”.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="130" />
            <source>Loại thiết bị không dùng được:</source>
            <translation>Device types not available:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="203" />
            <source>Dưới 200 dpi: bản số hóa KHÔNG đạt chuẩn (tối thiểu 200 dpi, Nghị định 30/2020).</source>
            <translation>Below 200 dpi: the digitised copy does NOT meet the standard (at least 200 dpi, Decree 30/2020).</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_settings.py" line="207" />
            <source>Đạt chuẩn số hóa: tối thiểu 200 dpi, tỉ lệ 100 %.</source>
            <translation>Meets the digitisation standard: at least 200 dpi, 100 % scale.</translation>
        </message>
    </context>
    <context>
        <name>SignatureVerifyPanel</name>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="64" />
            <source>&amp;Kiểm tra chữ ký của tệp PDF…</source>
            <translation>&amp;Check the signatures of a PDF…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="65" />
            <source>Chọn một tệp PDF đã ký để kiểm tra (Ctrl+O)</source>
            <translation>Choose a signed PDF to check (Ctrl+O)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="68" />
            <source>Chưa chọn tệp.</source>
            <translation>No file chosen.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="83" />
            <source>Chọn tệp PDF đã ký</source>
            <translation>Choose a signed PDF</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="91" />
            <source>Đang kiểm tra chữ ký của {name}…</source>
            <translation>Checking the signatures of {name}…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="106" />
            <source>{name}: tệp không có chữ ký số.</source>
            <translation>{name}: the file has no digital signature.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="109" />
            <source>{name}: {n} chữ ký, tất cả hợp lệ; chữ ký cuối phủ toàn bộ tệp.</source>
            <translation>{name}: {n} signature(s), all valid; the last one covers the whole file.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="115" />
            <source>{name}: CÓ CHỮ KÝ KHÔNG HỢP LỆ hoặc tệp đã bị sửa sau khi ký.</source>
            <translation>{name}: A SIGNATURE IS INVALID or the file was changed after signing.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="122" />
            <source>Có</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="122" />
            <source>KHÔNG</source>
            <translation>NO</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="126" />
            <source>Có chữ ký sau</source>
            <translation>Later signatures follow</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="132" />
            <source>Hợp lệ</source>
            <translation>Valid</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="132" />
            <source>KHÔNG HỢP LỆ</source>
            <translation>INVALID</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_verify.py" line="148" />
            <source>Chứng thư gốc của người ký chưa được cài trong cấu hình (signing.trust_roots).</source>
            <translation>The signer's root certificate is not installed in the configuration (signing.trust_roots).</translation>
        </message>
    </context>
    <context>
        <name>SigningController</name>
        <message>
            <location filename="../../ui/widgets/signing.py" line="266" />
            <source>Hãy nhập PIN trên bàn phím của token…</source>
            <translation>Enter the PIN on the token’s keypad…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/signing.py" line="268" />
            <source>Đang đăng nhập token và ký {n} tệp…</source>
            <translation>Logging in to the token and signing {n} file(s)…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/signing.py" line="341" />
            <source>Không đạt được mức chữ ký đã cấu hình</source>
            <translation>The configured signature level cannot be reached</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/signing.py" line="342" />
            <source>Không ký được ở mức {level}: {message}</source>
            <translation>Cannot sign at level {level}: {message}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/signing.py" line="345" />
            <source>Chọn ký ở mức cơ bản B-B (không có dấu thời gian), hoặc dừng để kiểm tra kết nối. Mức được chọn sẽ được ghi vào nhật ký.</source>
            <translation>Choose to sign at the basic level B-B (no timestamp), or stop to check the connection. The chosen level is recorded in the log.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/signing.py" line="349" />
            <source>Tiếp tục ký ở mức &amp;B-B</source>
            <translation>Continue at level &amp;B-B</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/signing.py" line="351" />
            <source>&amp;Dừng ký</source>
            <translation>&amp;Stop signing</translation>
        </message>
    </context>
    <context>
        <name>SigningProgressDialog</name>
        <message>
            <location filename="../../ui/widgets/sign_progress.py" line="19" />
            <source>Đang ký số</source>
            <translation>Signing</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_progress.py" line="26" />
            <source>&amp;Hủy</source>
            <translation>&amp;Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_progress.py" line="27" />
            <source>Dừng ký; các tệp của lô này sẽ không được giữ lại (Esc)</source>
            <translation>Stop signing; no file of this batch is kept (Esc)</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_progress.py" line="41" />
            <source>Đã ký {done}/{total} tệp: {name}</source>
            <translation>Signed {done}/{total} file(s): {name}</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/sign_progress.py" line="48" />
            <source>Đang dừng sau tệp đang ký…</source>
            <translation>Stopping after the file being signed…</translation>
        </message>
    </context>
    <context>
        <name>SubmitPage</name>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="55" />
            <source>Thành phần</source>
            <translation>Components</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="55" />
            <source>Số trang</source>
            <translation>Pages</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="55" />
            <source>Dung lượng</source>
            <translation>Size</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="55" />
            <source>Ký số</source>
            <translation>Digital signature</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="61" />
            <source>&lt;b style='color:#a40000'&gt;CHỨNG THƯ DEMO&lt;/b&gt; — chữ ký dùng để trình diễn, không có giá trị pháp lý.</source>
            <translation>&lt;b style='color:#a40000'&gt;DEMO CERTIFICATE&lt;/b&gt; — signatures for demonstration only, not legally valid.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="64" />
            <source>&amp;Ký số tất cả tệp PDF</source>
            <translation>&amp;Sign all PDFs</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="65" />
            <source>Ký số cả lô trong một lần đăng nhập (Ctrl+K)</source>
            <translation>Sign the whole batch in one login (Ctrl+K)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="70" />
            <location filename="../../ui/intake/submit_page.py" line="153" />
            <source>Chưa kiểm tra.</source>
            <translation>Not checked yet.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="72" />
            <source>Kiểm tr&amp;a tài khoản</source>
            <translation>Check the &amp;account</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="74" />
            <source>Công dân đồng ý cho cán bộ tạo tài khoản bằng thông tin trên thẻ</source>
            <translation>The citizen agrees that the officer creates an account from the card's details</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="75" />
            <source>Tạ&amp;o tài khoản</source>
            <translation>Create acc&amp;ount</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="78" />
            <source>Đã hướng dẫn dùng &amp;VNeID</source>
            <translation>Guided to &amp;VNeID</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="79" />
            <source>Ghi nhận đã hướng dẫn công dân nộp trực tuyến qua VNeID</source>
            <translation>Record that the citizen was guided to file online through VNeID</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="93" />
            <source>Địa chỉ nhận qua bưu chính công ích</source>
            <translation>Address for delivery by public post</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="96" />
            <source>&amp;Nộp hồ sơ</source>
            <translation>&amp;File the dossier</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="97" />
            <source>Đưa hồ sơ vào hàng đợi gửi lên cổng dịch vụ công (Ctrl+Enter)</source>
            <translation>Put the dossier in the queue for the public service portal (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="101" />
            <source>Các tệp PDF của hồ sơ</source>
            <translation>The dossier's PDFs</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="115" />
            <source>Tài khoản cổng:</source>
            <translation>Portal account:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="117" />
            <source>Điện thoại:</source>
            <translation>Phone:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="118" />
            <source>Thư điện tử:</source>
            <translation>Email:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="119" />
            <source>Lệ phí:</source>
            <translation>Fee:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="120" />
            <source>T&amp;hanh toán:</source>
            <translation>Pa&amp;yment:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="121" />
            <source>Nhận kết &amp;quả:</source>
            <translation>Result deli&amp;very:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="122" />
            <source>Địa &amp;chỉ nhận:</source>
            <translation>Delivery addre&amp;ss:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="123" />
            <source>Kênh nộp:</source>
            <translation>Filing channel:</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="124" />
            <source>Nộp trực tuyến</source>
            <translation>File online</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="159" />
            <source>Không thu phí</source>
            <translation>No fee</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="168" />
            <source>{received} → cổng ghi nhận: {filed}</source>
            <translation>{received} → recorded by the portal as: {filed}</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="185" />
            <source>tái sử dụng (đã ký)</source>
            <translation>reused (signed)</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="187" />
            <source>đã ký</source>
            <translation>signed</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="187" />
            <source>chưa ký</source>
            <translation>not signed</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="214" />
            <source>Đang chuẩn bị các tệp để ký…</source>
            <translation>Preparing the files for signing…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="241" />
            <source>Đã ký bởi: {name}, mức {level}</source>
            <translation>Signed by: {name}, level {level}</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="246" />
            <source>Đang lưu các tệp đã ký vào hồ sơ…</source>
            <translation>Saving the signed files to the dossier…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="275" />
            <source>Đang tra cứu tài khoản trên cổng…</source>
            <translation>Looking up the account on the portal…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="285" />
            <source>Công dân đã có tài khoản ({provider}, mức {level}).</source>
            <translation>The citizen has an account ({provider}, level {level}).</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="292" />
            <source>Công dân chưa có tài khoản. Tạo tài khoản (cần công dân đồng ý) hoặc hướng dẫn đăng ký VNeID.</source>
            <translation>The citizen has no account. Create one (the citizen must agree) or guide them to register with VNeID.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="302" />
            <source>Đang tạo tài khoản trên cổng…</source>
            <translation>Creating the account on the portal…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="314" />
            <source>Đang ghi nhận…</source>
            <translation>Recording…</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="322" />
            <source>Đã hướng dẫn công dân đăng ký và nộp trực tuyến qua VNeID.</source>
            <translation>The citizen was guided to register and file online through VNeID.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/submit_page.py" line="342" />
            <source>Đang đưa hồ sơ vào hàng đợi gửi…</source>
            <translation>Queuing the dossier for sending…</translation>
        </message>
    </context>
    <context>
        <name>SupervisorPinDialog</name>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="33" />
            <source>Xem số liệu toàn bộ phận</source>
            <translation>View the whole office's figures</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="37" />
            <source>Nhập mã PIN của lãnh đạo bộ phận để xem số liệu của mọi cán bộ trong phiên làm việc này.</source>
            <translation>Enter the office supervisor's PIN to see every officer's figures for this session.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="45" />
            <source>&amp;Mở</source>
            <translation>&amp;Open</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="47" />
            <source>&amp;Hủy</source>
            <translation>&amp;Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="55" />
            <source>Mã &amp;PIN:</source>
            <translation>&amp;PIN:</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="71" />
            <source>Chưa nhập mã PIN.</source>
            <translation>No PIN entered.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="74" />
            <source>Đang kiểm tra…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="92" />
            <source>Mã PIN không đúng. Còn {n} lần thử trước khi phải chờ.</source>
            <translation>Wrong PIN. {n} tries left before a pause.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="99" />
            <source>Đã nhập sai quá nhiều lần. Vui lòng chờ {s} giây rồi thử lại; nếu quên mã PIN, hãy liên hệ bộ phận CNTT.</source>
            <translation>Too many wrong tries. Please wait {s} seconds and try again; if the PIN is forgotten, contact IT.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/supervisor_pin.py" line="107" />
            <source>Có thể nhập lại mã PIN.</source>
            <translation>You can enter the PIN again.</translation>
        </message>
    </context>
    <context>
        <name>SupplementDialog</name>
        <message>
            <location filename="../../ui/intake/exits.py" line="88" />
            <source>Yêu cầu bổ sung hồ sơ</source>
            <translation>Request a supplement</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="89" />
            <source>Đánh dấu các thành phần công dân cần bổ sung hoặc làm lại. Hồ sơ {ref} quay về bước «Thành phần»; các thành phần đánh dấu được ghi rõ để làm tiếp khi công dân quay lại.</source>
            <translation>Tick the components the citizen must supply or redo. Dossier {ref} goes back to the «Components» step; the ticked components stay marked for when the citizen returns.</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="94" />
            <source>&amp;Yêu cầu bổ sung</source>
            <translation>&amp;Request supplement</translation>
        </message>
        <message>
            <location filename="../../ui/intake/exits.py" line="108" />
            <source>Thành phần cần &amp;bổ sung:</source>
            <translation>Components to &amp;supply:</translation>
        </message>
    </context>
    <context>
        <name>TaskStrip</name>
        <message>
            <location filename="../../ui/intake/task_strip.py" line="22" />
            <source>&amp;Dừng</source>
            <translation>S&amp;top</translation>
        </message>
        <message>
            <location filename="../../ui/intake/task_strip.py" line="24" />
            <source>Dừng việc đang chạy (Esc); phần đã lưu vẫn giữ nguyên</source>
            <translation>Stop the running work (Esc); what was saved stays</translation>
        </message>
        <message>
            <location filename="../../ui/intake/task_strip.py" line="68" />
            <source>Việc cần làm: {hint}</source>
            <translation>What to do: {hint}</translation>
        </message>
    </context>
    <context>
        <name>ThumbnailStrip</name>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="87" />
            <source>Các trang đã quét</source>
            <translation>Scanned pages</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="94" />
            <source>TRANG TRẮNG?</source>
            <translation>BLANK PAGE?</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="95" />
            <source>{page} · trắng?</source>
            <translation>{page} · blank?</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="101" />
            <source>Trang có vẻ để trắng: kiểm tra rồi xóa (Delete) nếu đúng là mặt trắng.</source>
            <translation>The page looks blank: check it, and delete it (Delete) if it really is a blank side.</translation>
        </message>
        <message>
            <location filename="../../ui/widgets/scan_thumbnails.py" line="108" />
            <source>Trang {n}</source>
            <translation>Page {n}</translation>
        </message>
    </context>
    <context>
        <name>TodaySection</name>
        <message>
            <location filename="../../ui/pages/today.py" line="114" />
            <source>Nhấp đúp hoặc Enter để mở hồ sơ và làm tiếp</source>
            <translation>Double-click or press Enter to open the dossier and continue</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="118" />
            <source>&amp;Làm mới</source>
            <translation>&amp;Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="138" />
            <source>Đang tải…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="144" />
            <source>{n} hồ sơ tiếp nhận hôm nay.</source>
            <translation>{n} dossiers received today.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="146" />
            <source>Chưa có hồ sơ nào hôm nay.</source>
            <translation>No dossiers yet today.</translation>
        </message>
        <message>
            <location filename="../../ui/pages/today.py" line="151" />
            <source>Không tải được danh sách: {m}</source>
            <translation>Could not load the list: {m}</translation>
        </message>
    </context>
</TS>
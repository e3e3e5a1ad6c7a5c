<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>CounterStatusBar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="24"/>
        <source>Đơn vị: {name}</source>
        <translation>Office: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="25"/>
        <source>Cán bộ: {name}</source>
        <translation>Officer: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="28"/>
        <source>Đang kiểm tra thiết bị…</source>
        <translation>Checking devices…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="39"/>
        <source>{mark} Máy quét: {n} · Camera: {c}</source>
        <translation>{mark} Scanners: {n} · Cameras: {c}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="42"/>
        <source>{mark} Token</source>
        <translation>{mark} Token</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="45"/>
        <source>{mark} Cổng DVC</source>
        <translation>{mark} Portal</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="48"/>
        <source>{mark} Đồng bộ</source>
        <translation>{mark} Sync</translation>
    </message>
</context>
<context>
    <name>DiagnosticsSection</name>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="50"/>
        <source>Chưa chạy chẩn đoán.</source>
        <translation>Diagnostics not run yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="51"/>
        <source>&amp;Chạy chẩn đoán</source>
        <translation>&amp;Run diagnostics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="53"/>
        <source>Mở thư mục &amp;dữ liệu</source>
        <translation>Open &amp;data folder</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="64"/>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="64"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="69"/>
        <source>Tùy chọn</source>
        <translation>Option</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="69"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="69"/>
        <source>Nguồn</source>
        <translation>Origin</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="69"/>
        <source>Khóa</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="79"/>
        <source>Chẩn đoán</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="80"/>
        <source>Cấu hình</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="81"/>
        <source>Nhật ký</source>
        <translation>Log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="110"/>
        <source>Đang kiểm tra thiết bị và kết nối…</source>
        <translation>Checking devices and connections…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="121"/>
        <source>tốt</source>
        <translation>good</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="121"/>
        <source>có vấn đề</source>
        <translation>problem</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="131"/>
        <source>Cần chú ý: {items}.</source>
        <translation>Needs attention: {items}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="133"/>
        <source>Mọi mục đều tốt.</source>
        <translation>Everything is fine.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/diagnostics.py" line="139"/>
        <source>Chẩn đoán thất bại: {m}</source>
        <translation>Diagnostics failed: {m}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../ui/dialogs.py" line="14"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="25"/>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="26"/>
        <source>Ứng dụng gặp lỗi không mong muốn. Hồ sơ đang làm vẫn được giữ nguyên. Hãy sao chép chi tiết bên dưới và gửi cho bộ phận CNTT.</source>
        <translation>The application hit an unexpected error. The dossier in progress is kept as it was. Copy the details below and send them to IT.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="33"/>
        <source>Tệp báo lỗi: {path}</source>
        <translation>Crash report: {path}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="27"/>
        <source>[CHẾ ĐỘ DEMO]</source>
        <translation>[DEMO MODE]</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="37"/>
        <location filename="../../ui/main_window.py" line="54"/>
        <source>Tiếp nhận</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="39"/>
        <source>Màn hình tiếp nhận hồ sơ (đọc CCCD, chọn thủ tục, quét, ký số, nộp trực tuyến) đang được hoàn thiện và chưa dùng được trong phiên bản này. Trong lúc chờ, bộ phận CNTT có thể dùng lệnh «counter-app intake --headless».</source>
        <translation>The intake screen (ID card, procedure, scanning, signing, online filing) is being finished and is not usable in this version. Meanwhile IT staff can use «counter-app intake --headless».</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="46"/>
        <location filename="../../ui/main_window.py" line="56"/>
        <source>Thống kê</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="48"/>
        <source>Bảng thống kê chỉ tiêu (tỉ lệ trực tuyến, số hóa, tái sử dụng…) chưa có trong phiên bản này. Số liệu vẫn được ghi đầy đủ vào nhật ký sự kiện và sẽ hiển thị khi chức năng hoàn thành.</source>
        <translation>The KPI dashboard (online, digitisation, reuse rates…) is not in this version yet. The figures are fully recorded in the event log and will show when the feature is complete.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="55"/>
        <source>Hồ sơ hôm nay</source>
        <translation>Today's dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="57"/>
        <source>Cài đặt &amp; chẩn đoán</source>
        <translation>Settings &amp; diagnostics</translation>
    </message>
</context>
<context>
    <name>TodaySection</name>
    <message>
        <location filename="../../ui/pages/today.py" line="94"/>
        <source>&amp;Làm mới</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="106"/>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="112"/>
        <source>{n} hồ sơ tiếp nhận hôm nay.</source>
        <translation>{n} dossiers received today.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="114"/>
        <source>Chưa có hồ sơ nào hôm nay.</source>
        <translation>No dossiers yet today.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/today.py" line="119"/>
        <source>Không tải được danh sách: {m}</source>
        <translation>Could not load the list: {m}</translation>
    </message>
</context>
</TS>

"""Receipt wording shared with the screens: no PDF library behind it, so the window can show
the same labels without loading fpdf at start-up."""

DOCUMENT_NAME = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
ISSUING_SYSTEM = "Một Cửa Số"
LAYOUTS = ("A4", "A5", "thermal80")
PAPER_FORMS = {
    "original": "Bản chính",
    "certified_copy": "Bản sao chứng thực",
    "photocopy": "Bản chụp",
    "electronic_copy": "Bản điện tử",
}
PAYMENT_LABELS = {
    "none": "Không thu phí",
    "cash": "Tiền mặt tại quầy",
    "online": "Thanh toán trực tuyến",
    "bank_transfer": "Chuyển khoản",
}
RETURN_LABELS = {
    "at_counter": "Nhận trực tiếp tại Bộ phận Một cửa",
    "public_post": "Qua dịch vụ bưu chính công ích",
    "online": "Nhận kết quả trực tuyến",
}

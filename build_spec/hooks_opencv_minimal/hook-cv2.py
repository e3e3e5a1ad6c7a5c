# Used instead of pyinstaller-hooks-contrib's hook-cv2 when the bundle freezes the minimal OpenCV
# (build_spec/opencv_minimal.py): that module is one self-contained extension, with no loader
# package, config files or FFmpeg DLL to collect. Its C code imports numpy, which the module
# graph cannot see.
hiddenimports = ["numpy"]

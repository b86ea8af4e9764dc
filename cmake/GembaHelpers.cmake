# Project-wide helpers: warning flags and gemba_add_test().

function(gemba_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wconversion -Wno-sign-conversion)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        # GCC 12 at -O3 reports bogus restrict/bounds/stringop warnings inside libstdc++'s own
        # std::string and std::vector code (GCC bugs 105329, 105651, 106199).
        target_compile_options(${target} PRIVATE -Wno-restrict -Wno-array-bounds -Wno-stringop-overflow
                                                 -Wno-stringop-overread)
    endif()
endfunction()

# gemba_add_test(NAME <name> SOURCES <files...> LIBS <libs...> [GUI])
# One QtTest executable per unit, registered with CTest and run headless.
function(gemba_add_test)
    cmake_parse_arguments(T "GUI" "NAME" "SOURCES;LIBS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        GEMBA_REFERENCE_DIR="${GEMBA_REFERENCE_DIR}"
        GEMBA_TEST_DATA_DIR="${CMAKE_SOURCE_DIR}/tests/data"
        GEMBA_CLI_PATH="$<TARGET_FILE:gemba>")
    gemba_set_warnings(${T_NAME})
    # Qt containers use qsizetype; in tests the int conversions are noise, not bugs.
    target_compile_options(${T_NAME} PRIVATE -Wno-conversion)
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    # Each test its own HOME: settings, recent files and the default project of one test (or of
    # another checkout's test suite running at the same time) never meet another's.
    set(_home "${CMAKE_BINARY_DIR}/test-homes/${T_NAME}")
    file(MAKE_DIRECTORY "${_home}")
    set_tests_properties(${T_NAME} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen;HOME=${_home};XDG_RUNTIME_DIR=${_home}"
                                              TIMEOUT 300)
endfunction()

# Installs the library, headers, a CMake package (find_package(pith)) and a
# pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS pith EXPORT pithTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/pith
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT pithTargets NAMESPACE pith::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pith)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/pithConfig.cmake.in
  ${PROJECT_BINARY_DIR}/pithConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pith)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/pithConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/pithConfig.cmake
              ${PROJECT_BINARY_DIR}/pithConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/pith)

file(RELATIVE_PATH PITH_PC_PREFIX_REL "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig"
     "${CMAKE_INSTALL_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/pith.pc.in ${PROJECT_BINARY_DIR}/pith.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/pith.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

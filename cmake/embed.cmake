# hersys_embed(OUTPUT FILE...): writes a C++ file defining hersys::embedded_files(), a list of
# {name, contents} for each FILE (name = file name without directories). Regenerated when any
# input changes.
function(hersys_embed output)
  set(inputs ${ARGN})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} "-DINPUTS=${inputs}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${inputs} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding migrations and API document"
    VERBATIM)
endfunction()

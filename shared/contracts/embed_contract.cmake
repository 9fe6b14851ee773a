# cmake -DINPUT=.../openapi.json -DOUTPUT=.../contract_document.cc -P embed_contract.cmake
#
# Writes OUTPUT, a C++ source whose ContractDocumentText() (shared/http/api_document.h)
# answers INPUT's bytes as one raw string literal: the services serve the contract without
# reading a file at run time. Run at build time whenever INPUT changes.
cmake_minimum_required(VERSION 3.20)
file(READ "${INPUT}" text)
set(delimiter "gofast_contract")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} holds the raw string's end, )${delimiter}\"")
endif()
file(WRITE "${OUTPUT}"
     "// Generated from shared/contracts/openapi.json by embed_contract.cmake: do not edit.\n"
     "#include \"shared/http/api_document.h\"\n\n"
     "namespace gofast::http {\n\n"
     "std::string_view ContractDocumentText() {\n"
     "  return R\"${delimiter}(${text})${delimiter}\";\n"
     "}\n\n"
     "}  // namespace gofast::http\n")
